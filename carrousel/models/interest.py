"""Interest messages: a visitor of the public catalogue tells a location they would like a place.

Data minimisation: a name, one way to be reached and an optional message; nothing else is
asked. The consent the visitor gave is kept with the text they agreed to.
"""

from __future__ import annotations

import re
from datetime import datetime

from pydantic import ConfigDict, field_validator
from pydantic_core import PydanticCustomError
from sqlmodel import Field, SQLModel

from .base import CleanText, normalise_email, utcnow

_PHONE_CHARS = re.compile(r"[\s\-().]")
CONSENT_TEXT = (
    "Ik geef toestemming dat de Werkcarrousel mijn naam, mijn e-mailadres of telefoonnummer en "
    "mijn bericht doorgeeft aan deze organisatie, zodat zij contact met mij kan opnemen over deze "
    "plek. De organisatie gebruikt mijn gegevens alleen daarvoor en verwijdert mijn bericht als het "
    "is afgehandeld."
)


def normalise_contact(value: str) -> str:
    """An e-mail address (lower case) or a phone number of 10 to 15 digits, optionally with +."""
    value = (value or "").strip()
    if "@" in value:
        try:
            return normalise_email(value)
        except PydanticCustomError:
            pass
    else:
        digits = _PHONE_CHARS.sub("", value)
        if re.fullmatch(r"\+?[0-9]{10,15}", digits):
            return value
    raise PydanticCustomError(
        "contact", "Vul een e-mailadres of telefoonnummer in, zoals naam@voorbeeld.nl of 06 12345678."
    )


class InterestMessage(SQLModel, table=True):
    __tablename__ = "interest_message"

    id: int | None = Field(default=None, primary_key=True)
    placement_id: int = Field(foreign_key="placement.id", index=True)
    organisation_id: int = Field(foreign_key="organisation.id", index=True)
    name: str = Field(max_length=100)
    contact: str = Field(max_length=254)
    message: str = Field(default="", max_length=1000)
    consent_text: str = Field(max_length=1000)
    # A keyed hash of the sender's address, only to limit messages per hour; never shown.
    sender_key: str = Field(max_length=64, index=True)
    created_at: datetime = Field(default_factory=utcnow, index=True)


class InterestCreate(SQLModel):
    """What the form on a catalogue place sends."""

    # Defaults are validated too, so an empty field gets its own message naming what is missing.
    model_config = ConfigDict(extra="forbid", validate_default=True)  # type: ignore[assignment]

    name: CleanText = Field(default="", max_length=100)
    contact: str = Field(default="", max_length=254)
    message: CleanText = Field(default="", max_length=1000)
    consent: bool = False

    @field_validator("name")
    @classmethod
    def _name(cls, value: str) -> str:
        if len(value) < 2:
            raise PydanticCustomError("name", "Vul je naam in, zodat de organisatie weet wie je bent.")
        return value

    @field_validator("contact")
    @classmethod
    def _contact(cls, value: str) -> str:
        if not value.strip():
            raise PydanticCustomError(
                "contact", "Vul je e-mailadres of telefoonnummer in, zodat de organisatie je kan bereiken."
            )
        return normalise_contact(value)

    @field_validator("consent")
    @classmethod
    def _consent(cls, value: bool) -> bool:
        if not value:
            raise PydanticCustomError("consent", "Geef toestemming, anders kunnen we je bericht niet doorgeven.")
        return value
