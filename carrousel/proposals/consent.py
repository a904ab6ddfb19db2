"""Consent as given for a proposal: how (channel) and which work facts the organisation may see (scope).

CONTRACT.md *What an organisation sees*. On this branch the consent is kept in the words of the
`consented` step; the consent record of its own (issue 17) stores the same two fields.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

ConsentChannel = Literal["in_person", "phone", "in_writing"]  # `online` is the resident's own, on /ik
ScopeField = Literal["hours_available", "language_level", "driving_licence", "wished_occupations", "talents"]
SCOPE_FIELDS: tuple[str, ...] = ScopeField.__args__  # type: ignore[attr-defined]
CHANNEL_LABELS = {"in_person": "persoonlijk", "phone": "telefonisch", "in_writing": "schriftelijk"}


class ConsentGiven(BaseModel):
    model_config = ConfigDict(extra="forbid")

    channel: ConsentChannel
    scope: list[ScopeField] = Field(default_factory=lambda: list(ScopeField.__args__))  # type: ignore[attr-defined]

    def words(self) -> str:
        return f"Toestemming {CHANNEL_LABELS[self.channel]} gegeven"
