"""Unbound extension objects; create_app binds them."""

from flask_login import LoginManager
from flask_migrate import Migrate
from flask_socketio import SocketIO
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import CSRFProtect

from facilitator.db import Base

# Rows stay readable after commit: services commit, then signal listeners read the same row
# (no reload query per contribution on the hot path).
db = SQLAlchemy(metadata=Base.metadata, session_options={"expire_on_commit": False})
migrate = Migrate()
csrf = CSRFProtect()
login_manager = LoginManager()
socketio = SocketIO()
