"""The bundled offline sample, and the scripts that build screenshots and benchmarks from it."""
