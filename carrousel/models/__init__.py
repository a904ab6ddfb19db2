"""Every table of the application, in one place."""

from .accounts import ROLE_LABELS, ROLES, ApiToken, LoginFailure, LoginSession, Role, User
from .base import utcnow
from .interest import InterestCreate, InterestMessage
from .mfa import RecoveryCode
from .organisations import (
    Organisation,
    OrganisationCreate,
    OrganisationUpdate,
)
from .placements import Occupation, Placement, PlacementCreate, PlacementUpdate
from .proposals import Proposal, ProposalEvent
from .residents import (
    AbcMeasurement,
    AbcMeasurementCreate,
    AccessLog,
    Resident,
    ResidentCreate,
    ResidentEvent,
    ResidentShare,
    ResidentUpdate,
)

__all__ = [
    "ROLES",
    "ROLE_LABELS",
    "AbcMeasurement",
    "AbcMeasurementCreate",
    "AccessLog",
    "ApiToken",
    "InterestCreate",
    "InterestMessage",
    "LoginFailure",
    "LoginSession",
    "Occupation",
    "Organisation",
    "OrganisationCreate",
    "OrganisationUpdate",
    "Placement",
    "PlacementCreate",
    "PlacementUpdate",
    "Proposal",
    "ProposalEvent",
    "RecoveryCode",
    "Resident",
    "ResidentCreate",
    "ResidentEvent",
    "ResidentShare",
    "ResidentUpdate",
    "Role",
    "User",
    "utcnow",
]
