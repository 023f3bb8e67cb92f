"""Quality measures of the pipeline on texts it has not seen (see :mod:`.blind`)."""
