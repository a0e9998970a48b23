"""The Qt-free workflow engine: model, step specs, registry, file format, executor."""
