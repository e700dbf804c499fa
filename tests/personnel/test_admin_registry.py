"""Every model registered in the admin, not only the personnel ones, is closed to outsiders."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.auth.models import Group
from django.urls import reverse

from personnel import scoping
from personnel.admin import UnitScopedAdmin
from personnel.roles import ALL_GROUPS
from tests.factories import UnitFactory, UserFactory

pytestmark = pytest.mark.django_db

REGISTERED = sorted(
    (model._meta.app_label, model._meta.model_name) for model in admin.site._registry
)
UNIT_SCOPED = {
    (model._meta.app_label, model._meta.model_name)
    for model in apps.get_models()
    if scoping.is_scoped(model)
}


def changelist(app_label, model_name):
    return reverse(f"admin:{app_label}_{model_name}_changelist")


@pytest.mark.parametrize(("app_label", "model_name"), REGISTERED)
def test_an_anonymous_visitor_is_sent_to_login_from_every_admin_list(client, app_label, model_name):
    response = client.get(changelist(app_label, model_name))
    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


@pytest.mark.parametrize("group", ALL_GROUPS)
@pytest.mark.parametrize(("app_label", "model_name"), REGISTERED)
def test_a_role_opens_an_admin_list_only_with_a_permission_for_it(
    client, group, app_label, model_name
):
    user = UserFactory(units=[UnitFactory()], groups=[Group.objects.get(name=group)])
    client.force_login(user)
    allowed = any(
        user.has_perm(f"{app_label}.{action}_{model_name}")
        for action in ("view", "change", "add", "delete")
    )
    status = client.get(changelist(app_label, model_name)).status_code
    assert status == (200 if allowed else 403)


@pytest.mark.parametrize(("app_label", "model_name"), sorted(UNIT_SCOPED))
def test_every_unit_scoped_model_is_registered_with_a_scoped_admin(app_label, model_name):
    model = apps.get_model(app_label, model_name)
    assert isinstance(admin.site._registry[model], UnitScopedAdmin)


def test_only_superusers_manage_staff_accounts(client):
    verifier = UserFactory(units=[UnitFactory()], groups=[Group.objects.get(name="Verifier")])
    client.force_login(verifier)
    assert client.get(changelist("auth", "user")).status_code == 403
    assert client.get(changelist("auth", "group")).status_code == 403
