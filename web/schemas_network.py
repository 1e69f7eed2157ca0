"""Bodies of the referral and network calls (CONTRACT section 11)."""
from __future__ import annotations

from marshmallow import Schema, ValidationError, fields, pre_load, validate, validates_schema

from matching.domain.referral import ReferrerRole
from matching.schemas import PHONE, RequestIn, Strict


class ReferrerIn(Strict):
    """The professional who refers: reachable by email or phone (for the organisation, never shown to the person)."""

    name = fields.String(required=True, validate=validate.Length(min=1, max=200))
    organization = fields.String(required=True, validate=validate.Length(min=1, max=200))
    role = fields.String(required=True, validate=validate.OneOf([r.value for r in ReferrerRole]))
    email = fields.Email(validate=validate.Length(max=254))
    phone = fields.String(validate=PHONE)

    @validates_schema(skip_on_field_errors=False)
    def _reachable(self, data: dict, **_) -> None:
        if not data.get("email") and not data.get("phone"):
            raise ValidationError("Give an email address or a phone number.", "email")


class ReferralIn(Strict):
    referrer = fields.Nested(ReferrerIn, required=True)
    person = fields.Nested(RequestIn, required=True)
    person_consent = fields.Boolean(required=True, validate=validate.Equal(
        True, error="The person must agree to the referral."))
    share_status = fields.Boolean(load_default=False)

    @pre_load
    def _consent_is_the_statement(self, data, **_):
        """The person's consent is the referrer's statement that they agreed (`person_consent`)."""
        if isinstance(data, dict) and isinstance(data.get("person"), dict) and "consent" not in data["person"]:
            data = {**data, "person": {**data["person"], "consent": data.get("person_consent") is True}}
        return data


class ReferralCreated(Schema):
    id = fields.String()
    status = fields.String()
    referrer_token = fields.String()


class ReferralStatusOut(Schema):
    status = fields.String(metadata={"description": "received | in_contact | matched | closed"})


class OrganizationRef(Schema):
    slug = fields.String()
    name = fields.String()


class ElsewhereItem(Schema):
    organization = fields.Nested(OrganizationRef)
    candidates = fields.Integer()


class ElsewhereOut(Schema):
    items = fields.List(fields.Nested(ElsewhereItem))


class TransferIn(Strict):
    to = fields.String(required=True, validate=validate.Length(min=1, max=64))
    person_consent = fields.Boolean(required=True, validate=validate.Equal(
        True, error="Ask the person first: a handover needs their consent."))


class TransferOut(Schema):
    id = fields.String()
    status = fields.String()
    organization = fields.Nested(OrganizationRef)
