"""dramatui: browse TV-show episode guides and read reviews without being spoiled."""
