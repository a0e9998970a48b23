"""Built-in step packs. Each module lists its classes in STEPS and is registered
through the `runnel.steps` entry-point group, like any third-party pack."""
