"""Settings: `config.toml` read tolerantly into one `Settings` value, with checks and warnings."""
