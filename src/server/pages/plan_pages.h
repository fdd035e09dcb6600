// The person's plans on the pages (plan_pages.cc, docs/plans.md): what the
// other pages show of them. Each call reads through the use cases
// (usecase/person_plans.h), which decide who may read which plan and audit
// the read; these only shape what was read for a template.
#pragma once

#include "common/status.h"
#include "server/pages/page_view.h"
#include "server/router.h"
#include "store/store.h"

namespace alongside::server::pages {

// /today lists this many plans to look at again (the soonest first) and
// counts the rest.
inline constexpr int kPlansDueShown = 3;

// /me: the person's own plans, first on their page: "plan_links", one per
// kind of plan in the templates' order ({href, label, awaiting}: "My safety
// plan", or "Make my safety plan" when there is none yet, linking to the
// form). Only for a person served.
Result<ViewList> OwnPlanLinks(Context& context);

// /people/{id}: the person's plans the caller may read ("plans": {href,
// label, version, awaiting, review_on}, "has_plans") and, when `may_start`,
// links to start a plan of each kind the person has none of yet
// ("plan_starts": {href, label}).
Result<View> PersonPlansView(Context& context, store::Id person_id, const std::string& name,
                             bool may_start);

// /today: the plans of the caller's people whose review day has come
// ("plans_due": the soonest kPlansDueShown, {href, person_name, kind,
// since}; "has_plans_due", "plans_due_count" (all of them),
// "more_plans_due").
Result<View> PlansDueView(Context& context);

}  // namespace alongside::server::pages
