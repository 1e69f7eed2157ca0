"""One SQLAlchemy repository per aggregate, each implementing its port in `matching.services.ports`."""
