"""devzone-news: crawl Chinese government and local news portals for development-zone news."""
