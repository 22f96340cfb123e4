"""Item pipelines: each runs steps of the processing core over the page a spider yielded."""
