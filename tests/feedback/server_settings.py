"""Settings of the gunicorn processes the multi-process rate-limit test starts.

They are the test settings pointed at the test database of the pytest process that started
them (its name comes in FEEDBACK_TEST_DATABASE), so both servers and the test see one table.
"""

import os

from tests.settings import *  # noqa: F403

DATABASES["default"]["NAME"] = os.environ["FEEDBACK_TEST_DATABASE"]  # noqa: F405
