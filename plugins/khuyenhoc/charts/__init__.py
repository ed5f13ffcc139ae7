"""Charts: what a chart shows (specs), its sentence, the SVG drawing and its cache, and the PNG pictures drawn by matplotlib in a worker."""
