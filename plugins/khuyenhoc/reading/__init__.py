"""Reading articles and pages: the front-matter reader, reading on two cores, Pelican's content cache."""
