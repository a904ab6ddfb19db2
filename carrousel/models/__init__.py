"""Every table of the application, in one place."""

from .accounts import ROLE_LABELS, ROLES, ApiToken, LoginFailure, LoginSession, Role, User
from .agreements import PlacementAgreement, PlacementEvaluation
from .base import utcnow
from .consent import ConsentBody, ConsentRecord, ConsentWithdrawal, InstallationSecret
from .income import IncomeParameters, IncomeScenario
from .interest import InterestCreate, InterestMessage
from .mfa import RecoveryCode
from .organisations import (
    Organisation,
    OrganisationCreate,
    OrganisationUpdate,
)
from .placements import Occupation, Placement, PlacementCreate, PlacementUpdate
from .proposals import (
    Proposal,
    ProposalCreate,
    ProposalEvent,
    ProposalExtend,
    ProposalNote,
    ProposalStep,
    ProposalSwitch,
)
from .resident_side import ResidentLink, ResidentToken
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
from .scheduling import AppSetting, GoalSnapshot, JobRun, Reminder, ResidentActivity, SettingChange

__all__ = [
    "ROLES",
    "ROLE_LABELS",
    "AbcMeasurement",
    "AbcMeasurementCreate",
    "AccessLog",
    "ApiToken",
    "AppSetting",
    "ConsentBody",
    "ConsentRecord",
    "ConsentWithdrawal",
    "GoalSnapshot",
    "IncomeParameters",
    "IncomeScenario",
    "InstallationSecret",
    "InterestCreate",
    "InterestMessage",
    "JobRun",
    "LoginFailure",
    "LoginSession",
    "Occupation",
    "Organisation",
    "OrganisationCreate",
    "OrganisationUpdate",
    "Placement",
    "PlacementAgreement",
    "PlacementCreate",
    "PlacementEvaluation",
    "PlacementUpdate",
    "Proposal",
    "ProposalCreate",
    "ProposalEvent",
    "ProposalExtend",
    "ProposalNote",
    "ProposalStep",
    "ProposalSwitch",
    "RecoveryCode",
    "Reminder",
    "Resident",
    "ResidentActivity",
    "ResidentCreate",
    "ResidentEvent",
    "ResidentLink",
    "ResidentShare",
    "ResidentToken",
    "ResidentUpdate",
    "Role",
    "SettingChange",
    "User",
    "utcnow",
]
