"""tracker: follow the Dutch government's positions in the annotated EU Council agendas."""

__version__ = "0.1.0"
