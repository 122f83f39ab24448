"""SQLAlchemy storage: models, database opening and migration, repositories."""
