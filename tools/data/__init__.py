"""Scripts that derive the project's data files from data packages (run by maintainers)."""
