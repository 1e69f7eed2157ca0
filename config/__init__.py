"""Configuration from environment variables (CONTRACT section 2)."""
from config.settings import ConfigError, Settings, from_env

__all__ = ["ConfigError", "Settings", "from_env"]
