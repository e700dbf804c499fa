"""PostgreSQL engine that starts the checkout's embedded server on the first connection."""

from django.conf import settings

from portal.db.postgresql import base
from portal.embedded_db import ensure_server


class DatabaseWrapper(base.DatabaseWrapper):
    def get_connection_params(self):
        server = ensure_server(str(settings.EMBEDDED_POSTGRES_DIR))
        self.settings_dict["HOST"] = str(server.socket_dir)
        self.settings_dict["PORT"] = str(server.port)
        self.settings_dict["USER"] = server.user
        return super().get_connection_params()
