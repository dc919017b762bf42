"""kg: a knowledge-graph builder for Russian news."""

__version__ = "0.1.0"
