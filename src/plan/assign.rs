//! Who answers for what: the tasks each agency leads or coordinates and the
//! indicators it tracks, with groups expanded to their members.

use super::agency::Agency;
use super::ids::AgencyId;
use super::{Indicator, Plan, Task};

/// An agency's share of the plan, in plan order.
#[derive(Debug, Clone)]
pub struct Assignment<'a> {
    pub agency: &'a Agency,
    /// Tasks it leads, directly or through a group.
    pub leads: Vec<&'a Task>,
    /// Tasks it coordinates and does not lead.
    pub coordinates: Vec<&'a Task>,
    /// Indicators it tracks, directly or through a group.
    pub indicators: Vec<&'a Indicator>,
    /// The plan's own data: its date (nothing is done for it before), its
    /// kind, number and issuer (what agencies' documents cite).
    pub plan: &'a super::PlanInfo,
}

impl Assignment<'_> {
    pub fn is_empty(&self) -> bool {
        self.leads.is_empty() && self.coordinates.is_empty() && self.indicators.is_empty()
    }
}

fn reaches(plan: &Plan, ids: &[AgencyId], agency: &AgencyId) -> bool {
    ids.iter().any(|id| plan.registry.includes(id, agency))
}

/// The agencies of `plan` that report (`reports = true`) and have anything
/// to report on, each with its share.
pub fn assignments(plan: &Plan) -> Vec<Assignment<'_>> {
    plan.registry
        .agencies()
        .iter()
        .filter(|a| a.reports)
        .map(|a| assignment(plan, a))
        .filter(|a| !a.is_empty())
        .collect()
}

pub fn assignment<'a>(plan: &'a Plan, agency: &'a Agency) -> Assignment<'a> {
    let id = &agency.id;
    let leads: Vec<&Task> = plan.tasks().map(|(_, t)| t).filter(|t| reaches(plan, &t.lead, id)).collect();
    let coordinates = plan
        .tasks()
        .map(|(_, t)| t)
        .filter(|t| !reaches(plan, &t.lead, id) && reaches(plan, &t.coordinators, id))
        .collect();
    let indicators = plan.indicators().map(|(_, i)| i).filter(|i| reaches(plan, &i.tracking, id)).collect();
    Assignment { agency, leads, coordinates, indicators, plan: &plan.info }
}
