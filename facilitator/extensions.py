"""Unbound extension objects; create_app binds them."""

from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_socketio import SocketIO
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import CSRFProtect

from facilitator.core.db import Base

# Rows stay readable after commit: services commit, then signal listeners read the same row
# (no reload query per contribution on the hot path).
db = SQLAlchemy(metadata=Base.metadata, session_options={"expire_on_commit": False})
migrate = Migrate()
csrf = CSRFProtect()
login_manager = LoginManager()
socketio = SocketIO()
# Limits per client address unless a route names another key; storage is set by create_app
# (Redis when several processes share the room, else memory).
limiter = Limiter(key_func=get_remote_address)
