// The governance audit, grievances and the program's metrics
// (docs/governance.md): /api/v1/governance, /api/v1/grievances,
// /api/v1/metrics. Every rule is in usecase/governance.h and
// domain/governance.h.
#include "server/api/api_common.h"
#include "usecase/governance.h"

namespace alongside::server::api {
namespace {

constexpr size_t kMaxPanel = 12;

nlohmann::json DimensionJson(const domain::GovernanceDimensionResult& dimension) {
  return {{"score", dimension.score}, {"minimum", dimension.minimum},
          {"passes", dimension.passes}};
}

nlohmann::json MetricJson(const usecase::MetricView& view) {
  return {{"id", view.metric.id},
          {"words", view.metric.words},
          {"proposed_by", view.by_person ? "person_served" : "staff"},
          {"proposed_at", FormatInstant(view.metric.proposed_at)},
          {"adopted_at", view.metric.adopted_at ? nlohmann::json(FormatInstant(*view.metric.adopted_at))
                                                : nlohmann::json()},
          {"endorsements", view.metric.endorsements},
          {"coproduced", view.coproduced},
          {"endorsed_by_me", view.endorsed_by_me}};
}

nlohmann::json GrievanceJson(const usecase::GrievanceView& view) {
  const domain::Grievance& grievance = view.grievance;
  nlohmann::json panel = nlohmann::json::array();
  for (size_t member_idx = 0; member_idx < grievance.panel.size(); ++member_idx) {
    const domain::GrievancePanelMember& member = grievance.panel[member_idx];
    panel.push_back({{"staff_id", member.staff_id},
                     {"name", view.panel_names[member_idx].second},
                     {"peer_representative", member.peer_representative},
                     {"independent", member.independent}});
  }
  nlohmann::json updates = nlohmann::json::array();
  for (const domain::GrievanceUpdate& update : grievance.updates) {
    updates.push_back({{"at", FormatInstant(update.at)},
                       {"status", domain::Name(update.status)},
                       {"note", update.note}});
  }
  return {{"id", grievance.id},
          {"filed_by", view.filed_by},
          {"filed_by_person", grievance.filed_by_person_id.has_value()},
          {"about_worker_id", grievance.about_worker_id ? nlohmann::json(*grievance.about_worker_id)
                                                        : nlohmann::json()},
          {"about_worker", view.about_worker},
          {"filed_at", FormatInstant(grievance.filed_at)},
          {"summary", grievance.summary},
          {"status", domain::Name(grievance.status)},
          {"outcome", grievance.outcome},
          {"updated_at", FormatInstant(grievance.updated_at)},
          {"panel", panel},
          {"updates", updates}};
}

Status Governance(Context& context) {
  ALONGSIDE_RETURN_IF_ERROR(OnlyParams(context.request, {}));
  ALONGSIDE_ASSIGN_OR_RETURN(usecase::GovernanceView view,
                             usecase::GetGovernance(context.UseCases(), context.Caller()));
  nlohmann::json items = nlohmann::json::array();
  for (const usecase::GovernanceItemView& item : view.items) {
    const domain::GovernanceItemResult& result = item.result;
    nlohmann::json json = {{"code", result.item.code},
                           {"dimension", domain::Name(result.item.dimension)},
                           {"known", domain::Name(result.item.known)},
                           {"weight", result.item.weight},
                           {"label", result.item.label},
                           {"score", result.score},
                           {"numerator", result.numerator},
                           {"denominator", result.denominator},
                           {"met", result.met},
                           {"explanation", result.explanation},
                           {"to_meet", result.met ? nlohmann::json() : nlohmann::json(result.item.to_meet)}};
    if (item.declaration) {
      json["declaration"] = {{"met", item.declaration->met},
                             {"evidence", item.declaration->evidence},
                             {"recorded_at", FormatInstant(item.declaration->recorded_at)}};
    }
    items.push_back(std::move(json));
  }
  nlohmann::json metrics = nlohmann::json::array();
  for (const usecase::MetricView& metric : view.metrics) metrics.push_back(MetricJson(metric));
  context.Json({{"passes", view.passes},
                {"accountability", DimensionJson(view.accountability)},
                {"mutuality", DimensionJson(view.mutuality)},
                {"items", items},
                {"metrics", metrics},
                {"min_endorsements", view.min_endorsements}});
  return Status::Ok();
}

Status Declare(Context& context) {
  ALONGSIDE_ASSIGN_OR_RETURN(JsonInput input, JsonInput::Parse(context.request.body));
  ALONGSIDE_ASSIGN_OR_RETURN(std::string code, input.String("code", true, 64));
  ALONGSIDE_ASSIGN_OR_RETURN(std::optional<bool> met, input.Boolean("met"));
  if (!met) return Status::InvalidArgument("met", "is required (true or false)");
  ALONGSIDE_ASSIGN_OR_RETURN(std::string evidence,
                             input.String("evidence", false, usecase::kMaxEvidenceBytes));
  ALONGSIDE_RETURN_IF_ERROR(input.RejectUnknown());
  ALONGSIDE_RETURN_IF_ERROR(usecase::DeclareGovernanceItem(context.UseCases(), context.Caller(),
                                                           code, *met, evidence));
  return Governance(context);
}

Status ListGrievances(Context& context) {
  ALONGSIDE_RETURN_IF_ERROR(OnlyParams(context.request, {"mine"}));
  const bool mine = context.request.has_param("mine") &&
                    context.request.get_param_value("mine") == "true";
  Result<std::vector<usecase::GrievanceView>> views =
      mine ? usecase::MyGrievances(context.UseCases(), context.Caller())
           : usecase::AllGrievances(context.UseCases(), context.Caller());
  ALONGSIDE_RETURN_IF_ERROR(views.status());
  nlohmann::json items = nlohmann::json::array();
  for (const usecase::GrievanceView& view : *views) items.push_back(GrievanceJson(view));
  context.Json({{"items", items}});
  return Status::Ok();
}

Status FileGrievance(Context& context) {
  ALONGSIDE_ASSIGN_OR_RETURN(JsonInput input, JsonInput::Parse(context.request.body));
  usecase::FileGrievanceRequest request;
  ALONGSIDE_ASSIGN_OR_RETURN(request.summary,
                             input.String("summary", true, usecase::kMaxGrievanceBytes));
  if (input.Has("about_worker_id")) {
    ALONGSIDE_ASSIGN_OR_RETURN(request.about_worker_id, BodyId(input, "about_worker_id"));
  }
  ALONGSIDE_RETURN_IF_ERROR(input.RejectUnknown());
  ALONGSIDE_ASSIGN_OR_RETURN(
      usecase::GrievanceView view,
      usecase::FileGrievance(context.UseCases(), context.Caller(), request));
  context.Json(GrievanceJson(view), 201);
  return Status::Ok();
}

Status GetGrievance(Context& context) {
  ALONGSIDE_RETURN_IF_ERROR(OnlyParams(context.request, {}));
  ALONGSIDE_ASSIGN_OR_RETURN(
      usecase::GrievanceView view,
      usecase::GetGrievance(context.UseCases(), context.Caller(), context.PathId()));
  context.Json(GrievanceJson(view));
  return Status::Ok();
}

// {"staff_ids": [3, 7], "note": "..."}: the ids are read here (JsonInput
// has no list of ids), the rest strictly.
Status FormPanel(Context& context) {
  nlohmann::json body = nlohmann::json::parse(context.request.body, nullptr, false);
  if (!body.is_object()) return Status::InvalidArgument("body", "must be a JSON object");
  std::vector<Id> staff_ids;
  auto ids = body.find("staff_ids");
  if (ids == body.end() || !ids->is_array() || ids->empty() || ids->size() > kMaxPanel) {
    return Status::InvalidArgument(
        "staff_ids", "must list 1 to " + std::to_string(kMaxPanel) + " staff ids");
  }
  for (const nlohmann::json& id : *ids) {
    if (!id.is_number_integer() || id.get<std::int64_t>() < 1) {
      return Status::InvalidArgument("staff_ids", "must hold positive whole numbers");
    }
    staff_ids.push_back(id.get<Id>());
  }
  body.erase("staff_ids");
  ALONGSIDE_ASSIGN_OR_RETURN(JsonInput input, JsonInput::Parse(body.dump()));
  ALONGSIDE_ASSIGN_OR_RETURN(std::string note,
                             input.String("note", false, usecase::kMaxGrievanceBytes));
  ALONGSIDE_RETURN_IF_ERROR(input.RejectUnknown());
  ALONGSIDE_ASSIGN_OR_RETURN(usecase::GrievanceView view,
                             usecase::FormGrievancePanel(context.UseCases(), context.Caller(),
                                                         context.PathId(), staff_ids, note));
  context.Json(GrievanceJson(view), 201);
  return Status::Ok();
}

Status UpdateGrievance(Context& context) {
  ALONGSIDE_ASSIGN_OR_RETURN(JsonInput input, JsonInput::Parse(context.request.body));
  ALONGSIDE_ASSIGN_OR_RETURN(std::string status_text, input.String("status", true, 32));
  ALONGSIDE_ASSIGN_OR_RETURN(domain::GrievanceStatus status,
                             domain::ParseGrievanceStatus(status_text, "status"));
  ALONGSIDE_ASSIGN_OR_RETURN(std::string note,
                             input.String("note", true, usecase::kMaxGrievanceBytes));
  ALONGSIDE_ASSIGN_OR_RETURN(std::string outcome,
                             input.String("outcome", false, usecase::kMaxGrievanceBytes));
  ALONGSIDE_RETURN_IF_ERROR(input.RejectUnknown());
  ALONGSIDE_ASSIGN_OR_RETURN(
      usecase::GrievanceView view,
      usecase::UpdateGrievance(context.UseCases(), context.Caller(), context.PathId(), status,
                               note, outcome));
  context.Json(GrievanceJson(view), 201);
  return Status::Ok();
}

Status WithdrawGrievance(Context& context) {
  ALONGSIDE_ASSIGN_OR_RETURN(JsonInput input, JsonInput::Parse(context.request.body));
  ALONGSIDE_ASSIGN_OR_RETURN(std::string note,
                             input.String("note", false, usecase::kMaxGrievanceBytes));
  ALONGSIDE_RETURN_IF_ERROR(input.RejectUnknown());
  ALONGSIDE_ASSIGN_OR_RETURN(
      usecase::GrievanceView view,
      usecase::WithdrawGrievance(context.UseCases(), context.Caller(), context.PathId(), note));
  context.Json(GrievanceJson(view), 201);
  return Status::Ok();
}

Status ListMetrics(Context& context) {
  ALONGSIDE_RETURN_IF_ERROR(OnlyParams(context.request, {}));
  ALONGSIDE_ASSIGN_OR_RETURN(std::vector<usecase::MetricView> metrics,
                             usecase::ListMetrics(context.UseCases(), context.Caller()));
  nlohmann::json items = nlohmann::json::array();
  for (const usecase::MetricView& metric : metrics) items.push_back(MetricJson(metric));
  context.Json({{"items", items}});
  return Status::Ok();
}

Status ProposeMetric(Context& context) {
  ALONGSIDE_ASSIGN_OR_RETURN(JsonInput input, JsonInput::Parse(context.request.body));
  ALONGSIDE_ASSIGN_OR_RETURN(std::string words,
                             input.String("words", true, usecase::kMaxMetricBytes));
  ALONGSIDE_RETURN_IF_ERROR(input.RejectUnknown());
  ALONGSIDE_ASSIGN_OR_RETURN(Id id,
                             usecase::ProposeMetric(context.UseCases(), context.Caller(), words));
  context.Json({{"id", id}, {"words", words}}, 201);
  return Status::Ok();
}

Status EndorseMetric(Context& context) {
  ALONGSIDE_ASSIGN_OR_RETURN(JsonInput input, JsonInput::Parse(context.request.body));
  ALONGSIDE_RETURN_IF_ERROR(input.RejectUnknown());
  ALONGSIDE_RETURN_IF_ERROR(
      usecase::EndorseMetric(context.UseCases(), context.Caller(), context.PathId()));
  context.Json({{"id", context.PathId()}, {"endorsed", true}}, 201);
  return Status::Ok();
}

Status AdoptMetric(Context& context) {
  ALONGSIDE_ASSIGN_OR_RETURN(JsonInput input, JsonInput::Parse(context.request.body));
  ALONGSIDE_RETURN_IF_ERROR(input.RejectUnknown());
  ALONGSIDE_RETURN_IF_ERROR(
      usecase::AdoptMetric(context.UseCases(), context.Caller(), context.PathId()));
  context.Json({{"id", context.PathId()}, {"adopted", true}}, 201);
  return Status::Ok();
}

}  // namespace

void AddGovernanceRoutes(Router& router) {
  constexpr RouteAccess kSignedIn = RouteAccess::kSignedIn;
  AddRoute(router, "GET", "/api/v1/governance", kSignedIn, Governance,
           "The governance audit (docs/governance.md): accountability and mutuality, each a "
           "weighted score in [0,1] against its minimum, and each item with its numerator, "
           "denominator, explanation and, when unmet, what would meet it; the metrics. The "
           "program manager; the evaluator reads it.",
           "",
           R"({"passes": false, "accountability": {"score": 0.91, "minimum": 0.8, "passes": true}, )"
           R"("mutuality": {"score": 0.64, "minimum": 0.7, "passes": false}, "items": [{"code": )"
           R"("parity_pay", "met": false, "to_meet": "...", ...}], "metrics": [...]})");
  AddRoute(router, "POST", "/api/v1/governance/declarations", kSignedIn, Declare,
           "The program manager declares a declared item met or not (code from the audit's "
           "items with known: declared); evidence is required when met. Answers the audit.",
           R"({"code": "parity_pay", "met": true, "evidence": "Pay scale 2026, grade 5 as care coordinators"})",
           R"({"passes": true, ...})");
  AddRoute(router, "GET", "/api/v1/grievances", kSignedIn, ListGrievances,
           "Every concern, newest first (the program manager); ?mine=true: the caller's own "
           "(a person served or a staff member).",
           "",
           R"({"items": [{"id": 4, "status": "panel_formed", "updates": [...], ...}]})");
  AddRoute(router, "POST", "/api/v1/grievances", kSignedIn, FileGrievance,
           "File a concern in one's own words: a person served for themself, a staff member in "
           "their own name; about_worker_id is optional.",
           R"({"summary": "My visits were cancelled three times without a call.", "about_worker_id": 12})",
           R"({"id": 4, "status": "received", ...})");
  AddRoute(router, "GET", "/api/v1/grievances/{id}", kSignedIn, GetGrievance,
           "One concern with its panel and every update: whoever filed it, the program manager "
           "and the panel's members.",
           "", R"({"id": 4, "summary": "...", "panel": [...], "updates": [...], ...})");
  AddRoute(router, "POST", "/api/v1/grievances/{id}/panel", kSignedIn, FormPanel,
           "The program manager forms the panel of a concern just received. Refused (409) "
           "naming what is missing unless it includes a peer representative and someone "
           "independent of the worker's line management.",
           R"({"staff_ids": [7, 15], "note": "The panel meets on Tuesday."})",
           R"({"id": 4, "status": "panel_formed", "panel": [...], ...})");
  AddRoute(router, "POST", "/api/v1/grievances/{id}/updates", kSignedIn, UpdateGrievance,
           "The program manager records what happened: status heard, resolved (with an "
           "outcome) or withdrawn, in order; a note is required.",
           R"({"status": "resolved", "note": "The panel met with Sam.", "outcome": "A new visit plan."})",
           R"({"id": 4, "status": "resolved", ...})");
  AddRoute(router, "POST", "/api/v1/grievances/{id}/withdraw", kSignedIn, WithdrawGrievance,
           "Whoever raised a concern withdraws it, at any step before it is resolved (409 "
           "after); a note in their words is optional.",
           R"({"note": "We talked it through and it is sorted."})",
           R"({"id": 4, "status": "withdrawn", ...})");
  AddRoute(router, "GET", "/api/v1/metrics", kSignedIn, ListMetrics,
           "The program's metrics with their endorsements and whether each is co-produced "
           "(proposed by a person served, or endorsed by enough of them).",
           "", R"({"items": [{"id": 2, "words": "...", "endorsements": 4, "coproduced": true, ...}]})");
  AddRoute(router, "POST", "/api/v1/metrics", kSignedIn, ProposeMetric,
           "Propose a metric: people served and staff.",
           R"({"words": "People feel heard at their first visit"})", R"({"id": 2, ...})");
  AddRoute(router, "POST", "/api/v1/metrics/{id}/endorse", kSignedIn, EndorseMetric,
           "A person served endorses a metric, once (409 on a second).", "{}",
           R"({"id": 2, "endorsed": true})");
  AddRoute(router, "POST", "/api/v1/metrics/{id}/adopt", kSignedIn, AdoptMetric,
           "The program manager adopts a metric as the program's (409 when adopted already).",
           "{}", R"({"id": 2, "adopted": true})");
}

}  // namespace alongside::server::api
