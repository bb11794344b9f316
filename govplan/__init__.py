"""govplan: an indicator calculator for government development plans."""

__version__ = "0.1.0"
