// The governance pages (docs/governance.md): the program manager's audit
// (/governance) with the declared items' form and the metrics; the
// concerns (/grievances: every one, forming a panel, recording updates); a
// person's own concerns (/me/grievances) and a worker's (/grievances/new),
// filed in their words and followed; people served proposing and endorsing
// metrics (/me/metrics). Every rule is in usecase/governance.h.
#include <fmt/format.h>

#include <map>
#include <string>
#include <utility>

#include "rules/rules.h"
#include "server/pages/form.h"
#include "server/pages/page_routes.h"
#include "server/pages/page_view.h"
#include "server/pages/record_views.h"
#include "usecase/governance.h"
#include "usecase/settings.h"
#include "usecase/staff.h"

namespace alongside::server::pages {
namespace {

using store::Id;

std::string Percent(double score) { return fmt::format("{:.0f}%", score * 100); }

std::string When(Context& context, Instant at) {
  return FormatReadable(at, usecase::ZoneOfSetting(context.Who().time_zone));
}

// The words shown after a redirect (?done=...); false for any other value.
ViewValue DoneMessage(const httplib::Request& request) {
  static const auto* kMessages = new std::map<std::string, std::string>{
      {"declared", "The declaration is saved."},
      {"adopted", "The metric is adopted."},
      {"filed", "Your concern is received. You can follow it here."},
      {"withdrawn", "Your concern is withdrawn. It stays on this page, with every step."},
      {"panel", "The panel is formed."},
      {"updated", "The update is saved. The person who raised it sees it on their page."},
      {"proposed", "Your metric is proposed."},
      {"endorsed", "You endorsed this metric."},
  };
  const std::string done = request.has_param("done") ? request.get_param_value("done") : "";
  auto found = kMessages->find(done);
  return found == kMessages->end() ? ViewValue(false) : ViewValue(found->second);
}

View DimensionView(const std::string& name, const domain::GovernanceDimensionResult& result) {
  return View{{"name", name},
              {"score", Percent(result.score)},
              {"minimum", Percent(result.minimum)},
              {"passes", result.passes}};
}

ViewList MetricViews(const std::vector<usecase::MetricView>& metrics, int min_endorsements,
                     bool may_adopt, bool may_endorse) {
  ViewList list;
  for (const usecase::MetricView& metric : metrics) {
    std::string how;
    if (metric.by_person) how = "proposed by a person served";
    if (metric.metric.endorsements > 0 || how.empty()) {
      if (!how.empty()) how += ", ";
      how += fmt::format("endorsed by {} {}", metric.metric.endorsements,
                         metric.metric.endorsements == 1 ? "person" : "people");
    }
    list.push_back(View{{"id", std::to_string(metric.metric.id)},
                        {"words", metric.metric.words},
                        {"coproduced", metric.coproduced},
                        {"how", how},
                        {"adopted", metric.metric.adopted_at.has_value()},
                        {"may_adopt", may_adopt && !metric.metric.adopted_at},
                        {"may_endorse", may_endorse && !metric.endorsed_by_me},
                        {"endorsed_by_me", metric.endorsed_by_me},
                        {"min_endorsements", std::to_string(min_endorsements)}});
  }
  return list;
}

struct Typed {
  std::map<std::string, std::string> errors;
  std::map<std::string, std::string> values;
  std::string form;  // which form the errors belong to ("declare", "panel-4", ...)
  std::string conflict;
};

Status RenderGovernance(Context& context, const Typed& typed, int status) {
  const usecase::Caller caller = context.Caller();
  ALONGSIDE_ASSIGN_OR_RETURN(usecase::GovernanceView view,
                             usecase::GetGovernance(context.UseCases(), caller));
  ViewList items[2];
  ViewList declared;
  for (const usecase::GovernanceItemView& item : view.items) {
    const domain::GovernanceItemResult& result = item.result;
    View entry{{"code", result.item.code},
               {"label", result.item.label},
               {"met", result.met},
               {"score", Percent(result.score)},
               {"fraction", fmt::format("{} of {}", result.numerator, result.denominator)},
               {"explanation", result.explanation},
               {"to_meet", result.item.to_meet},
               {"declared", result.item.known == domain::GovernanceSource::kDeclared},
               {"evidence", OptionalText(item.declaration ? item.declaration->evidence : "")}};
    items[result.item.dimension == domain::GovernanceDimension::kAccountability ? 0 : 1]
        .push_back(std::move(entry));
    if (result.item.known == domain::GovernanceSource::kDeclared) {
      declared.push_back(View{{"code", result.item.code},
                              {"label", result.item.label},
                              {"selected", typed.values.count("code") &&
                                               typed.values.at("code") == result.item.code}});
    }
  }
  View data{{"csrf_token", context.Who().csrf_token},
            {"done", DoneMessage(context.request)},
            {"passes", view.passes},
            {"accountability", DimensionView("Accountability", view.accountability)},
            {"mutuality", DimensionView("Mutuality", view.mutuality)},
            {"may_declare", view.may_declare},
            {"min_endorsements", std::to_string(view.min_endorsements)},
            {"evidence_field",
             FieldView(typed.errors, "evidence",
                       typed.values.count("evidence") ? typed.values.at("evidence") : "")},
            {"code_error", ErrorOf(typed.errors, "code")},
            {"met_yes", !typed.values.count("met") || typed.values.at("met") == "yes"},
            {"no_metrics", view.metrics.empty()}};
  data.emplace("accountability_items", std::move(items[0]));
  data.emplace("mutuality_items", std::move(items[1]));
  data.emplace("declared_items", std::move(declared));
  data.emplace("metrics",
               MetricViews(view.metrics, view.min_endorsements, view.may_declare, false));
  RenderPage(context, "governance", "Governance audit", std::move(data), status);
  return Status::Ok();
}

Status ShowGovernance(Context& context) { return RenderGovernance(context, Typed{}, 200); }

Status Declare(Context& context) {
  Typed typed;
  typed.values["code"] = TrimmedField(context.request, "code");
  typed.values["met"] = TrimmedField(context.request, "met");
  typed.values["evidence"] = TrimmedField(context.request, "evidence");
  Status saved = usecase::DeclareGovernanceItem(context.UseCases(), context.Caller(),
                                                typed.values["code"], typed.values["met"] == "yes",
                                                typed.values["evidence"]);
  if (saved.ok()) {
    Redirect(context, "/governance?done=declared#notice");
    return Status::Ok();
  }
  if (!AddFieldError(saved, {"code", "evidence"}, typed.errors)) return saved;
  return RenderGovernance(context, typed, InvalidStatusCode());
}

Status Adopt(Context& context) {
  ALONGSIDE_RETURN_IF_ERROR(
      usecase::AdoptMetric(context.UseCases(), context.Caller(), context.PathId()));
  Redirect(context, "/governance?done=adopted#notice");
  return Status::Ok();
}

ViewList UpdateViews(Context& context, const domain::Grievance& grievance) {
  ViewList updates;
  for (const domain::GrievanceUpdate& update : grievance.updates) {
    updates.push_back(View{{"when", When(context, update.at)},
                           {"status", rules::Current().Label(update.status)},
                           {"note", OptionalText(update.note)}});
  }
  return updates;
}

View GrievanceCard(Context& context, const usecase::GrievanceView& view) {
  const domain::Grievance& grievance = view.grievance;
  ViewList panel;
  for (size_t member_idx = 0; member_idx < grievance.panel.size(); ++member_idx) {
    const domain::GrievancePanelMember& member = grievance.panel[member_idx];
    std::string role;
    if (member.peer_representative) role = "peer representative";
    if (member.independent) role += role.empty() ? "independent" : ", independent";
    panel.push_back(View{{"name", view.panel_names[member_idx].second}, {"role", OptionalText(role)}});
  }
  View card{{"id", std::to_string(grievance.id)},
            {"filed_by", view.filed_by},
            {"by_person", grievance.filed_by_person_id.has_value()},
            {"about", OptionalText(view.about_worker)},
            {"filed_at", When(context, grievance.filed_at)},
            {"summary", grievance.summary},
            {"status", rules::Current().Label(grievance.status)},
            {"outcome", OptionalText(grievance.outcome)},
            {"has_panel", !grievance.panel.empty()}};
  card.emplace("panel", std::move(panel));
  card.emplace("updates", UpdateViews(context, grievance));
  return card;
}

Status RenderGrievances(Context& context, const Typed& typed, int status) {
  const usecase::Caller caller = context.Caller();
  ALONGSIDE_ASSIGN_OR_RETURN(std::vector<usecase::GrievanceView> grievances,
                             usecase::AllGrievances(context.UseCases(), caller));
  ALONGSIDE_ASSIGN_OR_RETURN(std::vector<domain::Staff> staff,
                             usecase::ListStaff(context.UseCases(), caller, store::StaffQuery{}));
  ViewList cards;
  for (const usecase::GrievanceView& view : grievances) {
    View card = GrievanceCard(context, view);
    const std::string id = std::to_string(view.grievance.id);
    const bool this_form = typed.form == id;
    card.emplace("may_form_panel", view.grievance.status == domain::GrievanceStatus::kReceived);
    ViewList candidates;
    for (const domain::Staff& member : staff) {
      if (!member.active || view.grievance.about_worker_id == member.id) continue;
      candidates.push_back(View{
          {"staff_id", std::to_string(member.id)},
          {"field_id", "panel-" + id + "-" + std::to_string(member.id)},
          {"name", member.display_name},
          {"role", rules::Current().Label(member.role)}});
    }
    card.emplace("candidates", std::move(candidates));
    ViewList next;
    for (domain::GrievanceStatus status : usecase::NextGrievanceStatuses(view.grievance.status)) {
      next.push_back(View{{"code", std::string(domain::Name(status))},
                          {"label", rules::Current().Label(status)}});
    }
    card.emplace("may_update", !next.empty());
    card.emplace("next", std::move(next));
    card.emplace("conflict", OptionalText(this_form ? typed.conflict : ""));
    card.emplace("note_error", this_form ? ErrorOf(typed.errors, "note") : ViewValue(false));
    card.emplace("outcome_error", this_form ? ErrorOf(typed.errors, "outcome") : ViewValue(false));
    card.emplace("staff_error", this_form ? ErrorOf(typed.errors, "staff_ids") : ViewValue(false));
    cards.push_back(std::move(card));
  }
  View data{{"csrf_token", context.Who().csrf_token},
            {"done", DoneMessage(context.request)},
            {"none", grievances.empty()}};
  data.emplace("grievances", std::move(cards));
  RenderPage(context, "grievances", "Concerns raised", std::move(data), status);
  return Status::Ok();
}

Status ShowGrievances(Context& context) { return RenderGrievances(context, Typed{}, 200); }

// A refusal shown beside its form: a field's mistake (400) or what the
// rule found missing (409).
Status ShowRefusal(Context& context, const Status& refused, const std::string& form) {
  Typed typed;
  typed.form = form;
  if (refused.code() == StatusCode::kConflict) {
    typed.conflict = refused.detail();
    return RenderGrievances(context, typed, 409);
  }
  if (!AddFieldError(refused, {"staff_ids", "note", "outcome", "status"}, typed.errors)) {
    return refused;
  }
  return RenderGrievances(context, typed, InvalidStatusCode());
}

Status FormPanel(Context& context) {
  std::vector<Id> staff_ids;
  const size_t count = context.request.get_param_value_count("staff_ids");
  for (size_t value_idx = 0; value_idx < count && value_idx < 12; ++value_idx) {
    const std::string value = context.request.get_param_value("staff_ids", value_idx);
    if (value.empty() || value.size() > 18 || value.find_first_not_of("0123456789") != std::string::npos) {
      return ShowRefusal(context, Status::InvalidArgument("staff_ids", "choose from the list"),
                         std::to_string(context.PathId()));
    }
    staff_ids.push_back(std::stoll(value));
  }
  Result<usecase::GrievanceView> formed =
      usecase::FormGrievancePanel(context.UseCases(), context.Caller(), context.PathId(),
                                  staff_ids, TrimmedField(context.request, "note"));
  if (!formed.ok()) {
    return ShowRefusal(context, formed.status(), std::to_string(context.PathId()));
  }
  Redirect(context, fmt::format("/grievances?done=panel#grievance-{}", context.PathId()));
  return Status::Ok();
}

Status AddUpdate(Context& context) {
  Result<domain::GrievanceStatus> status =
      domain::ParseGrievanceStatus(TrimmedField(context.request, "status"), "status");
  if (!status.ok()) return ShowRefusal(context, status.status(), std::to_string(context.PathId()));
  Result<usecase::GrievanceView> updated = usecase::UpdateGrievance(
      context.UseCases(), context.Caller(), context.PathId(), *status,
      TrimmedField(context.request, "note"), TrimmedField(context.request, "outcome"));
  if (!updated.ok()) {
    return ShowRefusal(context, updated.status(), std::to_string(context.PathId()));
  }
  Redirect(context, fmt::format("/grievances?done=updated#grievance-{}", context.PathId()));
  return Status::Ok();
}

// A person's or a worker's own concerns, and the form to raise one.
Status RenderMine(Context& context, const std::string& action, const Typed& typed, int status) {
  ALONGSIDE_ASSIGN_OR_RETURN(std::vector<usecase::GrievanceView> mine,
                             usecase::MyGrievances(context.UseCases(), context.Caller()));
  ViewList cards;
  for (const usecase::GrievanceView& view : mine) {
    // The filer may withdraw a concern until it is resolved or withdrawn.
    View card = GrievanceCard(context, view);
    const std::string id = std::to_string(view.grievance.id);
    const std::vector<domain::GrievanceStatus> next =
        usecase::NextGrievanceStatuses(view.grievance.status);
    const bool may_withdraw =
        std::find(next.begin(), next.end(), domain::GrievanceStatus::kWithdrawn) != next.end();
    card.emplace("may_withdraw", may_withdraw);
    card.emplace("withdraw_action", "/grievances/" + id + "/withdraw");
    card.emplace("withdraw_error", OptionalText(typed.form == id ? typed.conflict : ""));
    card.emplace("withdraw_note", typed.form == id && typed.values.count("note")
                                      ? typed.values.at("note")
                                      : std::string());
    cards.push_back(std::move(card));
  }
  View data{{"csrf_token", context.Who().csrf_token},
            {"done", DoneMessage(context.request)},
            {"action", action},
            {"person", context.Who().IsPerson()},
            {"none", mine.empty()},
            {"summary_field",
             FieldView(typed.errors, "summary",
                       typed.values.count("summary") ? typed.values.at("summary") : "")}};
  data.emplace("grievances", std::move(cards));
  // A person may say which of their workers it is about.
  ALONGSIDE_ASSIGN_OR_RETURN(auto choices,
                             usecase::GrievanceAboutChoices(context.UseCases(), context.Caller()));
  const std::string about = typed.values.count("about_worker_id")
                                ? typed.values.at("about_worker_id")
                                : std::string();
  ViewList about_options;
  for (const auto& [worker_id, name] : choices) {
    about_options.push_back(View{{"value", std::to_string(worker_id)},
                                 {"label", name + " (works with you)"},
                                 {"selected", about == std::to_string(worker_id)}});
  }
  data.emplace("has_about", !about_options.empty());
  data.emplace("about_error", ErrorOf(typed.errors, "about_worker_id"));
  data.emplace("about_options", std::move(about_options));
  RenderPage(context, "my_grievances",
             context.Who().IsPerson() ? "Raise a concern" : "Raise a concern as a worker",
             std::move(data), status);
  return Status::Ok();
}

Status ShowMine(Context& context) {
  return RenderMine(context, context.request.path, Typed{}, 200);
}

// The filer withdraws their own concern; a refusal (already resolved, a
// note too long) is shown on the concern's card.
Status WithdrawMine(Context& context) {
  const std::string note = TrimmedField(context.request, "note");
  const std::string own_page = context.Who().IsPerson() ? "/me/grievances" : "/grievances/new";
  Result<usecase::GrievanceView> withdrawn =
      usecase::WithdrawGrievance(context.UseCases(), context.Caller(), context.PathId(), note);
  if (withdrawn.ok()) {
    Redirect(context, fmt::format("{}?done=withdrawn#grievance-{}", own_page, context.PathId()));
    return Status::Ok();
  }
  const StatusCode code = withdrawn.status().code();
  if (code != StatusCode::kConflict && code != StatusCode::kInvalidArgument) {
    return withdrawn.status();
  }
  Typed typed;
  typed.form = std::to_string(context.PathId());
  typed.values["note"] = note;
  typed.conflict = withdrawn.status().detail();
  if (code == StatusCode::kInvalidArgument) typed.conflict = "Note: " + typed.conflict;
  return RenderMine(context, own_page, typed,
                    code == StatusCode::kConflict ? 409 : InvalidStatusCode());
}

Status FileMine(Context& context) {
  Typed typed;
  typed.values["summary"] = TrimmedField(context.request, "summary");
  typed.values["about_worker_id"] = TrimmedField(context.request, "about_worker_id");
  usecase::FileGrievanceRequest request;
  request.summary = typed.values["summary"];
  if (!typed.values["about_worker_id"].empty()) {
    Result<Id> about = IdField(context.request, "about_worker_id");
    if (!about.ok()) {
      typed.errors["about_worker_id"] = "Choose one of the names listed, or no one.";
      return RenderMine(context, context.request.path, typed, InvalidStatusCode());
    }
    request.about_worker_id = *about;
  }
  Result<usecase::GrievanceView> filed =
      usecase::FileGrievance(context.UseCases(), context.Caller(), request);
  if (filed.ok()) {
    Redirect(context, context.request.path + "?done=filed#notice");
    return Status::Ok();
  }
  if (!AddFieldError(filed.status(), {"summary", "about_worker_id"}, typed.errors)) {
    return filed.status();
  }
  return RenderMine(context, context.request.path, typed, InvalidStatusCode());
}

Status RenderMyMetrics(Context& context, const Typed& typed, int status) {
  ALONGSIDE_ASSIGN_OR_RETURN(std::vector<usecase::MetricView> metrics,
                             usecase::ListMetrics(context.UseCases(), context.Caller()));
  const int min_endorsements = rules::Current().governance().min_endorsements();
  View data{{"csrf_token", context.Who().csrf_token},
            {"done", DoneMessage(context.request)},
            {"none", metrics.empty()},
            {"min_endorsements", std::to_string(min_endorsements)},
            {"words_field",
             FieldView(typed.errors, "words",
                       typed.values.count("words") ? typed.values.at("words") : "")}};
  data.emplace("metrics", MetricViews(metrics, min_endorsements, false, true));
  RenderPage(context, "my_metrics", "How the program is measured", std::move(data), status);
  return Status::Ok();
}

Status ShowMyMetrics(Context& context) { return RenderMyMetrics(context, Typed{}, 200); }

Status ProposeMine(Context& context) {
  Typed typed;
  typed.values["words"] = TrimmedField(context.request, "words");
  Result<Id> proposed =
      usecase::ProposeMetric(context.UseCases(), context.Caller(), typed.values["words"]);
  if (proposed.ok()) {
    Redirect(context, "/me/metrics?done=proposed#notice");
    return Status::Ok();
  }
  if (!AddFieldError(proposed.status(), {"words"}, typed.errors)) return proposed.status();
  return RenderMyMetrics(context, typed, InvalidStatusCode());
}

Status EndorseMine(Context& context) {
  ALONGSIDE_RETURN_IF_ERROR(
      usecase::EndorseMetric(context.UseCases(), context.Caller(), context.PathId()));
  Redirect(context, "/me/metrics?done=endorsed#notice");
  return Status::Ok();
}

}  // namespace

void AddGovernancePages(Router& router) {
  constexpr RouteAccess kSignedIn = RouteAccess::kSignedIn;
  router.Add(PageRoute("GET", "/governance", kSignedIn, ShowGovernance,
                       "The governance audit: accountability and mutuality, each item, the metrics"));
  router.Add(PageRoute("POST", "/governance/declarations", kSignedIn, Declare,
                       "Declare a governance item met or not, with evidence (program manager)"));
  router.Add(PageRoute("POST", "/governance/metrics/{id}/adopt", kSignedIn, Adopt,
                       "Adopt a metric as the program's (program manager)"));
  router.Add(PageRoute("GET", "/grievances", kSignedIn, ShowGrievances,
                       "Every concern raised, its panel and updates (program manager)"));
  router.Add(PageRoute("POST", "/grievances/{id}/panel", kSignedIn, FormPanel,
                       "Form the panel that hears a concern (program manager)"));
  router.Add(PageRoute("POST", "/grievances/{id}/updates", kSignedIn, AddUpdate,
                       "Record what happened with a concern (program manager)"));
  router.Add(PageRoute("GET", "/grievances/new", kSignedIn, ShowMine,
                       "A worker's own concerns and the form to raise one"));
  router.Add(PageRoute("POST", "/grievances/new", kSignedIn, FileMine,
                       "A worker raises a concern"));
  router.Add(PageRoute("POST", "/grievances/{id}/withdraw", kSignedIn, WithdrawMine,
                       "Whoever raised a concern withdraws it"));
  router.Add(PageRoute("GET", "/me/grievances", kSignedIn, ShowMine,
                       "A person's own concerns, followed step by step, and the form to raise one"));
  router.Add(PageRoute("POST", "/me/grievances", kSignedIn, FileMine,
                       "A person raises a concern in their own words"));
  router.Add(PageRoute("GET", "/me/metrics", kSignedIn, ShowMyMetrics,
                       "The program's metrics: propose one, endorse those that matter to you"));
  router.Add(PageRoute("POST", "/me/metrics", kSignedIn, ProposeMine, "Propose a metric"));
  router.Add(PageRoute("POST", "/me/metrics/{id}/endorse", kSignedIn, EndorseMine,
                       "Endorse a metric"));
}

}  // namespace alongside::server::pages
