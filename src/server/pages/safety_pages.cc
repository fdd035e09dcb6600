// The safety protocol's pages (docs/safety.md): a worker opens a safety
// event when a person tells them of a risk, then records its steps one at a
// time on /safety/{id}, least restrictive first, with the crisis lines
// always at the top; the worker's supervisors review the events on /safety,
// their oversight queue, with their in-app notifications beside it. Every
// rule is domain/safety.h's, applied by usecase/safety.h; these pages parse
// the forms, call the use cases and render what they answer. A refused step
// is shown beside its form with the rule's sentence, and what was typed is
// kept.
#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "rules/rules.h"
#include "server/http_status.h"
#include "server/pages/form.h"
#include "server/pages/page_routes.h"
#include "server/pages/page_view.h"
#include "server/pages/record_views.h"
#include "usecase/people.h"
#include "usecase/safety.h"

namespace alongside::server::pages {
namespace {

using domain::SafetyKind;
using domain::SafetyStepCode;
using Errors = std::map<std::string, std::string>;

// How many of the caller's in-app notifications the queue shows.
constexpr int kNotificationsShown = 10;

constexpr SafetyKind kKinds[] = {SafetyKind::kSuicidalThoughtsPassive,
                                 SafetyKind::kSuicidalThoughtsActive,
                                 SafetyKind::kSuicidalThoughtsWithPlan,
                                 SafetyKind::kSuicidalThoughtsWithIntent,
                                 SafetyKind::kRiskToOthers,
                                 SafetyKind::kOther};

// What to say or do at each step, in calm words ("{name}" is the person's
// name). The step's own label is labels.json's (safety_steps).
struct StepHelp {
  SafetyStepCode step;
  const char* help;
};
constexpr StepHelp kStepHelp[] = {
    {SafetyStepCode::kConfidentialityExplained,
     "Tell {name} honestly what stays between you: what they share stays with you and the "
     "people who support them here, except when someone's life may be in danger. Then you "
     "would need to involve others, and you would tell them first wherever you can. Thank "
     "them for trusting you with this."},
    {SafetyStepCode::kSafetyPlanning,
     "Make or update {name}'s safety plan together, in their own words: the signs that a "
     "crisis may be coming, what they can do on their own, people and places that help, who "
     "they can ask for help, the crisis lines, and making things safer around them."},
    {SafetyStepCode::kSupervisorConsulted,
     "Talk it through with your supervisor before anything more is decided. You do not carry "
     "this alone. Note who you spoke with and what you agreed."},
    {SafetyStepCode::kImminentRiskJudged,
     "With your supervisor, judge whether imminent risk remains now that {name} has a plan. "
     "Say what the judgement rests on: what {name} told you, what they will do, who is with "
     "them."},
    {SafetyStepCode::kConnectedWithConsent,
     "Offer {name} a connection to clinical care, and make it with their agreement: the "
     "on-call psychiatrist, their clinic, a crisis team they choose. They stay in charge of "
     "what happens next."},
    {SafetyStepCode::kEscalatedWithoutConsent,
     "Only when imminent risk of serious harm remains after the steps above. Acting without "
     "{name}'s consent is the most restrictive step: write why it was necessary and what you "
     "did. Tell {name} what is happening wherever you can."},
    {SafetyStepCode::kFollowUp,
     "Come back to {name}: how are they now, is the plan working, what do they need? Note "
     "what you agreed."},
    {SafetyStepCode::kClosed,
     "Close the event when the steps are done. If a follow-up was not possible (they moved "
     "away, or asked not to be contacted), say why."},
};

std::string WithName(std::string_view text, const std::string& name) {
  std::string out(text);
  for (size_t at = out.find("{name}"); at != std::string::npos; at = out.find("{name}", at)) {
    out.replace(at, 6, name);
    at += name.size();
  }
  return out;
}

std::string HelpFor(SafetyStepCode step, const std::string& name) {
  for (const StepHelp& help : kStepHelp) {
    if (help.step == step) return WithName(help.help, name);
  }
  return "";
}

std::string EventPath(store::Id event_id) { return "/safety/" + std::to_string(event_id); }

bool IsClosed(const domain::SafetyEvent& event) {
  return !event.steps.empty() && event.steps.back().step == SafetyStepCode::kClosed;
}

bool HasStep(const domain::SafetyEvent& event, SafetyStepCode code) {
  return std::any_of(event.steps.begin(), event.steps.end(),
                     [code](const domain::SafetyStep& step) { return step.step == code; });
}

// The crisis lines of the program's plan templates, shown at the top of
// every safety page and never folded away.
ViewList CrisisLines() {
  ViewList lines;
  for (const domain::CrisisLine& line : rules::Current().plan_templates().crisis_lines()) {
    lines.push_back(
        View{{"label", line.label}, {"how", line.how}, {"note", OptionalText(line.note)}});
  }
  return lines;
}

// "just now", "5 minutes ago", "26 hours ago", "3 days ago".
std::string Age(Instant then, Instant now) {
  const Instant seconds = std::max<Instant>(0, now - then);
  if (seconds < 60) return "just now";
  auto count = [](Instant value, const char* one, const char* many) {
    return std::to_string(value) + " " + (value == 1 ? one : many) + " ago";
  };
  if (seconds < 3600) return count(seconds / 60, "minute", "minutes");
  if (seconds < 48 * 3600) return count(seconds / 3600, "hour", "hours");
  return count(seconds / 86400, "day", "days");
}

// ---- When: just now, or earlier today or yesterday at a time ------------

struct WhenInput {
  std::string choice = "now";  // now, today, yesterday
  std::string time;            // HH:MM, for today and yesterday

  static WhenInput FromRequest(const httplib::Request& request) {
    WhenInput when;
    const std::string choice = Field(request, "when");
    if (!choice.empty()) when.choice = choice;
    when.time = TrimmedField(request, "time");
    return when;
  }

  // The instant chosen (nullopt: now), or the error beside `prefix`-when or
  // `prefix`-time.
  std::optional<Instant> Parse(const usecase::Caller& caller, const std::string& prefix,
                               Errors& errors) const {
    if (choice == "now") return std::nullopt;
    Day day = caller.today();
    if (choice == "yesterday") {
      day -= 1;
    } else if (choice != "today") {
      errors[prefix + "when"] = "Choose when it was.";
      return std::nullopt;
    }
    if (time.empty()) {
      errors[prefix + "time"] = "Enter the time, like 14:30.";
      return std::nullopt;
    }
    Result<int> seconds = ParseTimeOfDay(time, "time");
    if (!seconds.ok()) {
      errors[prefix + "time"] = AsSentence(seconds.status().detail());
      return std::nullopt;
    }
    Result<Instant> at = caller.zone.At(day, *seconds, "time");
    if (!at.ok()) {
      errors[prefix + "time"] = AsSentence(at.status().detail());
      return std::nullopt;
    }
    return *at;
  }

  View ToView(const std::string& prefix, const std::string& legend, const Errors& errors,
              const TimeZone& zone) const {
    const Day today = zone.DayOf(NowUtc());
    ViewList options;
    for (const auto& [value, label] :
         {std::pair<std::string, std::string>{"now", "Just now"},
          {"today", "Earlier today, " + FormatReadableDay(today) + ", at the time below"},
          {"yesterday", "Yesterday, " + FormatReadableDay(today - 1) + ", at the time below"}}) {
      options.push_back(View{{"id", prefix + "when-" + value},
                             {"name", "when"},
                             {"value", value},
                             {"label", label},
                             {"checked", value == choice}});
    }
    View view{
        {"id", prefix + "when"}, {"legend", legend}, {"error", ErrorOf(errors, prefix + "when")}};
    view.emplace("options", std::move(options));
    view.emplace("time", FieldView(errors, prefix + "time", time));
    view.emplace("zone", zone.Abbreviation(NowUtc()));
    return view;
  }
};

// ---- Opening an event ---------------------------------------------------

struct OpenForm {
  std::string kind;
  WhenInput when;
  std::string description;
  Errors errors;
};

Status RenderOpenForm(Context& context, const store::PersonRow& row, const OpenForm& form,
                      int status) {
  const rules::Rules& rules = rules::Current();
  const std::string& name = row.person.preferred_name;
  ViewList kinds;
  for (SafetyKind kind : kKinds) {
    const std::string value(domain::Name(kind));
    kinds.push_back(
        View{{"value", value}, {"label", rules.Label(kind)}, {"checked", value == form.kind}});
  }
  View data{{"csrf_token", context.Who().csrf_token},
            {"name", name},
            {"action", "/people/" + std::to_string(row.person.id) + "/safety/new"},
            {"cancel_href", "/people/" + std::to_string(row.person.id)},
            {"has_errors", !form.errors.empty()},
            {"kind_error", ErrorOf(form.errors, "kind")},
            {"when", ToValue(form.when.ToView("", "When they told you", form.errors,
                                              context.Caller().zone))},
            {"description", FieldView(form.errors, "description", form.description)}};
  data.emplace("kinds", std::move(kinds));
  data.emplace("crisis_lines", CrisisLines());
  RenderPage(context, "safety_open", "A risk was disclosed", std::move(data), status);
  return Status::Ok();
}

Status NewEvent(Context& context) {
  ALONGSIDE_ASSIGN_OR_RETURN(
      store::PersonRow row,
      usecase::ReadPerson(context.UseCases(), context.Caller(), context.PathId(0)));
  return RenderOpenForm(context, row, OpenForm{}, 200);
}

Status OpenEvent(Context& context) {
  const usecase::Caller caller = context.Caller();
  const store::Id person_id = context.PathId(0);
  OpenForm form;
  form.kind = Field(context.request, "kind");
  form.when = WhenInput::FromRequest(context.request);
  form.description = TrimmedField(context.request, "description");

  usecase::OpenSafetyRequest request;
  request.person_id = person_id;
  Result<SafetyKind> kind = domain::ParseSafetyKind(form.kind, "kind");
  if (kind.ok()) {
    request.kind = *kind;
  } else {
    form.errors["kind"] = "Choose what they shared.";
  }
  request.disclosed_at = form.when.Parse(caller, "", form.errors);
  request.description = form.description;
  if (form.errors.empty()) {
    Result<usecase::SafetyEventView> opened =
        usecase::OpenSafetyEvent(context.UseCases(), caller, request);
    if (opened.ok()) {
      Redirect(context, EventPath(opened->event.id) + "?saved=opened");
      return Status::Ok();
    }
    const Status& status = opened.status();
    if (status.code() == StatusCode::kInvalidArgument && status.field() == "disclosed_at") {
      form.errors["time"] = AsSentence(status.detail());
    } else if (!AddFieldError(status, {"description", "kind"}, form.errors)) {
      return status;
    }
  }
  ALONGSIDE_ASSIGN_OR_RETURN(store::PersonRow row,
                             usecase::ReadPerson(context.UseCases(), caller, person_id));
  return RenderOpenForm(context, row, form, InvalidStatusCode());
}

// ---- The event, step by step -------------------------------------------

// A step form as sent (or fresh): which step, its own facts and when. The
// emergency escalation has a form of its own, told apart by `form`.
struct StepForm {
  std::string step;
  WhenInput when;
  std::string note;
  std::string imminent;  // "yes", "no" or ""
  std::string reason;
  std::string to;
  std::string justification;
  bool emergency = false;
  bool use_plan = true;
  Errors errors;
  std::string refusal;  // the rule's sentence, when the step was refused
  std::string rule;     // its code, "safety.order"

  static StepForm FromRequest(const httplib::Request& request) {
    StepForm form;
    form.step = Field(request, "step");
    form.when = WhenInput::FromRequest(request);
    form.note = TrimmedField(request, "note");
    form.imminent = Field(request, "imminent");
    form.reason = TrimmedField(request, "reason");
    form.to = TrimmedField(request, "to");
    form.justification = TrimmedField(request, "justification");
    form.emergency = Checked(request, "emergency");
    form.use_plan = Checked(request, "plan_id");
    return form;
  }

  // "[safety.order] safety planning comes after ..." as its code and a
  // sentence for people.
  void Refused(const std::string& detail) {
    std::string sentence = detail;
    if (detail.rfind('[', 0) == 0) {
      const size_t close = detail.find("] ");
      if (close != std::string::npos) {
        rule = detail.substr(1, close - 1);
        sentence = detail.substr(close + 2);
      }
    }
    refusal = AsSentence(sentence);
  }
};

// A recorded step as the event page lists it.
View StepView(const domain::SafetyStep& step, const usecase::SafetyEventView& view,
              const TimeZone& zone) {
  const rules::Rules& rules = rules::Current();
  ViewList facts;
  auto fact = [&facts](const std::string& label, const std::string& value) {
    if (!value.empty()) facts.push_back(View{{"label", label}, {"value", value}});
  };
  if (step.imminent) {
    fact("Imminent risk", *step.imminent ? "Yes, it remains" : "No, not imminent");
  }
  fact(step.step == SafetyStepCode::kClosed ? "Why there was no follow-up" : "What it rests on",
       step.reason);
  fact("Connected with", step.to);
  fact("Why it was necessary", step.justification);
  const std::string person_path = "/people/" + std::to_string(view.event.person_id);
  View out{{"label", rules.Label(step.step)},
           {"when", FormatReadable(step.at, zone)},
           {"emergency", step.emergency},
           {"note", OptionalText(step.note)},
           {"plan_href", step.plan_id
                             ? ViewValue(person_path + "/plans/" + std::to_string(*step.plan_id))
                             : ViewValue(false)}};
  out.emplace("facts", std::move(facts));
  return out;
}

// The form for `code`, filled from `form` (what was typed, or fresh).
View StepFormView(Context& context, const usecase::SafetyEventView& view, SafetyStepCode code,
                  const StepForm& form) {
  const rules::Rules& rules = rules::Current();
  const std::string& name = view.person_name;
  const bool expected = view.next && *view.next == code;
  View data{{"action", EventPath(view.event.id) + "/steps#next-step"},
            {"csrf_token", context.Who().csrf_token},
            {"step", std::string(domain::Name(code))},
            {"label", rules.Label(code)},
            {"help", HelpFor(code, name)},
            {"name", name},
            {"expected", expected},
            {"has_errors", !form.errors.empty()},
            {"is_planning", code == SafetyStepCode::kSafetyPlanning},
            {"is_judgement", code == SafetyStepCode::kImminentRiskJudged},
            {"is_connection", code == SafetyStepCode::kConnectedWithConsent},
            {"is_escalation", code == SafetyStepCode::kEscalatedWithoutConsent},
            {"is_closing", code == SafetyStepCode::kClosed},
            {"imminent_no", form.imminent == "no"},
            {"imminent_yes", form.imminent == "yes"},
            {"imminent_error", ErrorOf(form.errors, "imminent")},
            {"reason", FieldView(form.errors, "reason", form.reason)},
            {"to", FieldView(form.errors, "to", form.to)},
            {"justification", FieldView(form.errors, "justification", form.justification)},
            {"note", FieldView(form.errors, "note", form.note)},
            {"when", ToValue(form.when.ToView("", "When it happened", form.errors,
                                              context.Caller().zone))}};
  if (!expected && view.next) {
    data.emplace("expected_label", rules.Label(*view.next));
  }
  if (code == SafetyStepCode::kSafetyPlanning && view.safety_plan_id) {
    data.emplace("plan", View{{"id", std::to_string(*view.safety_plan_id)},
                              {"href", "/people/" + std::to_string(view.event.person_id) +
                                           "/plans/" + std::to_string(*view.safety_plan_id)},
                              {"checked", form.use_plan},
                              {"error", ErrorOf(form.errors, "plan_id")}});
  }
  if (!form.refusal.empty()) {
    data.emplace("refusal", View{{"sentence", form.refusal}, {"rule", OptionalText(form.rule)}});
  }
  return data;
}

// Which form the page shows and with what: the step chosen (?step=, or the
// one posted), what was typed into it or into the emergency form, a notice
// after a save, and the review note typed with its error.
struct EventPageState {
  std::optional<SafetyStepCode> chosen;
  StepForm step_form;
  StepForm emergency_form;
  bool emergency_posted = false;
  std::string notice;
  std::string notice_at = "top";  // top, form (the next step) or reviews
  std::string review_note;
  std::string review_error;
  int status = 200;
};

Status RenderEvent(Context& context, const usecase::SafetyEventView& view, EventPageState state) {
  const rules::Rules& rules = rules::Current();
  const usecase::Caller caller = context.Caller();
  const domain::SafetyEvent& event = view.event;
  const std::string& name = view.person_name;
  const bool closed = IsClosed(event);
  const std::string person_path = "/people/" + std::to_string(event.person_id);

  ViewList steps;
  for (const domain::SafetyStep& step : event.steps) {
    steps.push_back(StepView(step, view, caller.zone));
  }
  ViewList reviews;
  for (const domain::SafetyReview& review : event.reviews) {
    std::string role = rules.Label(review.reviewer_role);
    if (!role.empty())
      role[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(role[0])));
    reviews.push_back(View{
        {"who", role}, {"when", FormatReadable(review.at, caller.zone)}, {"note", review.note}});
  }

  View data{{"csrf_token", context.Who().csrf_token},
            {"id", std::to_string(event.id)},
            {"name", name},
            {"person_href", person_path},
            {"kind", rules.Label(event.kind)},
            {"disclosed", FormatReadable(event.disclosed_at, caller.zone)},
            {"opened", FormatReadable(event.opened_at, caller.zone)},
            {"worker", view.worker_name},
            {"description", OptionalText(event.description)},
            {"closed", closed},
            {"complete", view.complete},
            {"has_steps", !steps.empty()},
            {"has_reviews", !reviews.empty()},
            {"overdue", view.overdue && event.reviews.empty()},
            {"review_due", FormatReadable(view.review_due_at, caller.zone)},
            {"may_record", view.may_record}};
  if (closed) data.emplace("closed_at", FormatReadable(event.steps.back().at, caller.zone));
  if (view.next) data.emplace("next_label", rules.Label(*view.next));
  if (view.safety_plan_id) {
    data.emplace("plan_href", person_path + "/plans/" + std::to_string(*view.safety_plan_id));
  }
  data.emplace("steps", std::move(steps));
  data.emplace("reviews", std::move(reviews));
  data.emplace("crisis_lines", CrisisLines());

  if (view.may_record && !closed) {
    const SafetyStepCode code =
        state.chosen ? *state.chosen : (view.next ? *view.next : SafetyStepCode::kFollowUp);
    data.emplace("form", ToValue(StepFormView(context, view, code, state.step_form)));
    ViewList others;
    for (SafetyStepCode allowed : view.allowed) {
      if (allowed == code) continue;
      others.push_back(View{{"label", rules.Label(allowed)},
                            {"href", EventPath(event.id) + "?step=" +
                                         std::string(domain::Name(allowed)) + "#next-step"}});
    }
    data.emplace("has_others", !others.empty());
    data.emplace("others", std::move(others));
    // The emergency escalation, apart from the choices and never hidden,
    // until an escalation is recorded.
    if (!HasStep(event, SafetyStepCode::kEscalatedWithoutConsent)) {
      const StepForm& form = state.emergency_form;
      View emergency{
          {"action", EventPath(event.id) + "/steps#emergency"},
          {"open", state.emergency_posted},
          {"has_errors", !form.errors.empty()},
          {"confirmed", form.emergency},
          {"justification", FieldView(form.errors, "em-justification", form.justification)},
          {"note", FieldView(form.errors, "em-note", form.note)},
          {"when", ToValue(form.when.ToView("em-", "When it happened", form.errors, caller.zone))}};
      if (!form.refusal.empty()) {
        emergency.emplace("refusal",
                          View{{"sentence", form.refusal}, {"rule", OptionalText(form.rule)}});
      }
      data.emplace("emergency", ToValue(std::move(emergency)));
    }
  }
  if (view.may_review) {
    data.emplace("review",
                 View{{"action", EventPath(event.id) + "/review"},
                      {"note", FieldView(state.review_error.empty()
                                             ? Errors{}
                                             : Errors{{"review-note", state.review_error}},
                                         "review-note", state.review_note)}});
  }
  // A refusal whose form is not shown any more (the event was closed, or
  // escalated, meanwhile) stands at the top.
  const StepForm& posted = state.emergency_posted ? state.emergency_form : state.step_form;
  const bool form_shown = data.count(state.emergency_posted ? "emergency" : "form") > 0;
  if (!posted.refusal.empty() && !form_shown) {
    data.emplace("refusal_top",
                 View{{"sentence", posted.refusal}, {"rule", OptionalText(posted.rule)}});
  }
  const bool has_form = data.count("form") > 0;
  const std::string notice_at =
      state.notice_at == "form" && !has_form ? std::string("top") : state.notice_at;
  for (const char* place : {"top", "form", "reviews"}) {
    data.emplace(std::string("notice_") + place,
                 OptionalText(notice_at == place ? state.notice : std::string()));
  }
  RenderPage(context, "safety_event", "Safety steps with " + name, std::move(data), state.status);
  return Status::Ok();
}

// The notice after a redirect to the event, and where it stands: at the
// top after opening, on the next step's form after a step, by the reviews
// after a review.
void PlaceEventNotice(const httplib::Request& request, const std::string& name,
                      EventPageState& state) {
  const std::string saved = Field(request, "saved");
  if (saved == "opened") {
    state.notice =
        "The safety event is open, and your supervisors are told. Take the steps "
        "below in order, at " +
        name + "'s pace.";
    state.notice_at = "top";
  } else if (saved == "review") {
    state.notice = "Your review is saved.";
    state.notice_at = "reviews";
  } else if (Result<SafetyStepCode> step = domain::ParseSafetyStepCode(saved, "saved"); step.ok()) {
    state.notice = *step == SafetyStepCode::kClosed
                       ? std::string("The safety event is closed.")
                       : "Saved: " + rules::Current().Label(*step) + ".";
    state.notice_at = "form";
  }
}

Status ShowEvent(Context& context) {
  ALONGSIDE_ASSIGN_OR_RETURN(
      usecase::SafetyEventView view,
      usecase::GetSafetyEvent(context.UseCases(), context.Caller(), context.PathId(0)));
  EventPageState state;
  const std::string wanted = Field(context.request, "step");
  if (!wanted.empty()) {
    Result<SafetyStepCode> step = domain::ParseSafetyStepCode(wanted, "step");
    if (step.ok()) state.chosen = *step;
  }
  PlaceEventNotice(context.request, view.person_name, state);
  return RenderEvent(context, view, std::move(state));
}

// The fields a step's form may send, as the use case's request: only the
// step's own facts, so a form never says more than the step means.
usecase::SafetyStepRequest RequestOf(SafetyStepCode code, const StepForm& form,
                                     std::optional<Instant> at, std::optional<store::Id> plan_id) {
  usecase::SafetyStepRequest request;
  request.step = code;
  request.at = at;
  request.note = form.note;
  switch (code) {
    case SafetyStepCode::kSafetyPlanning:
      if (form.use_plan) request.plan_id = plan_id;
      break;
    case SafetyStepCode::kImminentRiskJudged:
      if (form.imminent == "yes") request.imminent = true;
      if (form.imminent == "no") request.imminent = false;
      request.reason = form.reason;
      break;
    case SafetyStepCode::kConnectedWithConsent:
      request.to = form.to;
      break;
    case SafetyStepCode::kEscalatedWithoutConsent:
      request.justification = form.justification;
      request.emergency = form.emergency;
      break;
    case SafetyStepCode::kClosed:
      request.reason = form.reason;
      break;
    default:
      break;
  }
  return request;
}

Status RecordStep(Context& context) {
  const usecase::Caller caller = context.Caller();
  const store::Id event_id = context.PathId(0);
  const bool emergency_form = Field(context.request, "form") == "emergency";
  StepForm form = StepForm::FromRequest(context.request);
  if (emergency_form)
    form.step = std::string(domain::Name(SafetyStepCode::kEscalatedWithoutConsent));
  const std::string prefix = emergency_form ? "em-" : "";

  Result<SafetyStepCode> code = domain::ParseSafetyStepCode(form.step, "step");
  if (!code.ok()) return Status::InvalidArgument("step", "choose a step of the protocol");
  if (*code == SafetyStepCode::kImminentRiskJudged && form.imminent != "yes" &&
      form.imminent != "no") {
    form.errors["imminent"] = "Choose yes or no.";
  }
  const std::optional<Instant> at = form.when.Parse(caller, prefix, form.errors);
  std::optional<store::Id> plan_id;
  if (form.use_plan && *code == SafetyStepCode::kSafetyPlanning) {
    Result<store::Id> parsed = IdField(context.request, "plan_id");
    if (parsed.ok()) plan_id = *parsed;
  }
  if (form.errors.empty()) {
    Result<usecase::SafetyEventView> recorded = usecase::RecordSafetyStep(
        context.UseCases(), caller, event_id, RequestOf(*code, form, at, plan_id));
    if (recorded.ok()) {
      Redirect(context,
               EventPath(event_id) + "?saved=" + std::string(domain::Name(*code)) + "#next-step");
      return Status::Ok();
    }
    const Status& status = recorded.status();
    if (status.code() == StatusCode::kConflict) {
      form.Refused(status.detail());
    } else if (status.code() == StatusCode::kInvalidArgument &&
               (status.field() == "note" || status.field() == "reason" || status.field() == "to" ||
                status.field() == "justification" || status.field() == "plan_id")) {
      form.errors[prefix + status.field()] = AsSentence(status.detail());
    } else {
      return status;
    }
  }
  ALONGSIDE_ASSIGN_OR_RETURN(usecase::SafetyEventView view,
                             usecase::GetSafetyEvent(context.UseCases(), caller, event_id));
  EventPageState state;
  state.status = form.refusal.empty() ? InvalidStatusCode() : HttpStatusFor(StatusCode::kConflict);
  if (emergency_form) {
    state.emergency_posted = true;
    state.emergency_form = std::move(form);
  } else {
    state.chosen = *code;
    state.step_form = std::move(form);
  }
  return RenderEvent(context, view, std::move(state));
}

// ---- The oversight queue -----------------------------------------------

struct QueueState {
  std::string notice;
  store::Id notice_event = 0;
  store::Id error_event = 0;
  std::string error;
  std::string typed;
  int status = 200;
};

Status RenderQueue(Context& context, QueueState state) {
  const rules::Rules& rules = rules::Current();
  const usecase::Caller caller = context.Caller();
  ALONGSIDE_ASSIGN_OR_RETURN(usecase::SafetyQueue queue,
                             usecase::OversightQueue(context.UseCases(), caller));
  ALONGSIDE_ASSIGN_OR_RETURN(
      std::vector<domain::Notification> notices,
      usecase::MyNotifications(context.UseCases(), caller, kNotificationsShown));
  bool placed = false;
  ViewList events;
  for (const usecase::SafetyEventView& view : queue.events) {
    const domain::SafetyEvent& event = view.event;
    const bool waiting = event.reviews.empty();
    std::string now_at = "Nothing recorded yet";
    if (!event.steps.empty()) {
      const domain::SafetyStep& last = event.steps.back();
      now_at = rules.Label(last.step) + ", " + Age(last.at, caller.now);
    }
    std::string review =
        waiting ? "Not yet reviewed; due " + FormatReadable(view.review_due_at, caller.zone)
                : "Reviewed " + Age(event.reviews.back().at, caller.now);
    const bool errored = state.error_event == event.id;
    const bool noticed = state.notice_event == event.id && !state.notice.empty();
    placed = placed || noticed;
    Errors errors;
    if (errored) errors["review-note-" + std::to_string(event.id)] = state.error;
    View item{{"id", std::to_string(event.id)},
              {"href", EventPath(event.id)},
              {"person", view.person_name},
              {"worker", view.worker_name},
              {"kind", rules.Label(event.kind)},
              {"age", "Opened " + Age(event.opened_at, caller.now)},
              {"opened", FormatReadable(event.opened_at, caller.zone)},
              {"now_at", now_at},
              {"next", view.next ? ViewValue(rules.Label(*view.next)) : ViewValue(false)},
              {"closed", IsClosed(event)},
              {"complete", view.complete},
              {"overdue", view.overdue && waiting},
              {"review", review},
              {"may_review", view.may_review},
              {"notice", noticed ? ViewValue(state.notice) : ViewValue(false)},
              {"note", FieldView(errors, "review-note-" + std::to_string(event.id),
                                 errored ? state.typed : std::string())}};
    events.push_back(std::move(item));
  }
  ViewList notifications;
  for (const domain::Notification& notice : notices) {
    notifications.push_back(
        View{{"subject", notice.subject},
             {"when", FormatReadable(notice.created_at, caller.zone)},
             {"href", notice.safety_event_id ? EventPath(*notice.safety_event_id)
                                             : std::string("/safety")}});
  }
  const size_t count = queue.events.size();
  View data{{"csrf_token", context.Who().csrf_token},
            {"review_hours", std::to_string(queue.review_hours)},
            {"count", std::to_string(count) + (count == 1 ? " event" : " events")},
            {"overdue", std::to_string(queue.overdue) + " past the review time"},
            {"has_events", count > 0},
            {"has_notifications", !notifications.empty()},
            {"notice", OptionalText(placed ? std::string() : state.notice)}};
  data.emplace("events", std::move(events));
  data.emplace("notifications", std::move(notifications));
  RenderPage(context, "safety_queue", "Safety events to review", std::move(data), state.status);
  return Status::Ok();
}

Status Queue(Context& context) {
  QueueState state;
  if (Field(context.request, "saved") == "review") {
    state.notice = "Your review is saved.";
    Result<store::Id> event = IdField(context.request, "event");
    if (event.ok()) state.notice_event = *event;
  }
  return RenderQueue(context, std::move(state));
}

// A review from the queue (back there, at the event) or from the event's
// page (`back=event`).
Status Review(Context& context) {
  const usecase::Caller caller = context.Caller();
  const store::Id event_id = context.PathId(0);
  const bool from_event = Field(context.request, "back") == "event";
  const std::string note = TrimmedField(context.request, "note");
  Result<usecase::SafetyEventView> reviewed =
      usecase::ReviewSafetyEvent(context.UseCases(), caller, event_id, note);
  if (reviewed.ok()) {
    const std::string id = std::to_string(event_id);
    Redirect(context, from_event ? EventPath(event_id) + "?saved=review#reviews"
                                 : "/safety?saved=review&event=" + id + "#event-" + id);
    return Status::Ok();
  }
  Errors errors;
  if (!AddFieldError(reviewed.status(), {"note"}, errors)) return reviewed.status();
  if (from_event) {
    ALONGSIDE_ASSIGN_OR_RETURN(usecase::SafetyEventView view,
                               usecase::GetSafetyEvent(context.UseCases(), caller, event_id));
    EventPageState state;
    state.review_note = note;
    state.review_error = errors["note"];
    state.status = InvalidStatusCode();
    return RenderEvent(context, view, std::move(state));
  }
  QueueState state;
  state.error_event = event_id;
  state.error = errors["note"];
  state.typed = note;
  state.status = InvalidStatusCode();
  return RenderQueue(context, std::move(state));
}

}  // namespace

void AddSafetyPages(Router& router) {
  constexpr RouteAccess kSignedIn = RouteAccess::kSignedIn;
  router.Add(PageRoute("GET", "/people/{id}/safety/new", kSignedIn, NewEvent,
                       "A risk was disclosed: what the person shared, and when"));
  router.Add(
      PageRoute("POST", "/people/{id}/safety/new", kSignedIn, OpenEvent, "Opens a safety event"));
  router.Add(
      PageRoute("GET", "/safety", kSignedIn, Queue,
                "A supervisor's oversight queue of safety events, with their notifications"));
  router.Add(PageRoute("GET", "/safety/{id}", kSignedIn, ShowEvent,
                       "A safety event: the crisis lines, the steps so far and the next step"));
  router.Add(PageRoute("POST", "/safety/{id}/steps", kSignedIn, RecordStep,
                       "Records a step of the safety protocol"));
  router.Add(PageRoute("POST", "/safety/{id}/review", kSignedIn, Review,
                       "A supervisor reviews a safety event"));
}

}  // namespace alongside::server::pages
