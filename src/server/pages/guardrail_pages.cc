// The role's guardrails on a contact: the five-step guide when a person asks
// "what should I do?", a boundary moment with the program's guidance, and a
// supervisor resolving a role-drift flag. Every rule is in
// usecase/guardrails.h; these pages parse, call and render.
#include <map>
#include <string>
#include <string_view>

#include "server/pages/form.h"
#include "server/pages/page_routes.h"
#include "server/pages/page_view.h"
#include "server/pages/record_views.h"
#include "usecase/contacts.h"
#include "usecase/guardrails.h"

namespace alongside::server::pages {
namespace {

using Errors = std::map<std::string, std::string>;

// The person's page, at the notice saying what was saved.
void BackToPerson(Context& context, store::Id person_id, const char* saved) {
  Redirect(context, "/people/" + std::to_string(person_id) + "?saved=" + saved + "#notice");
}

// ---- Advice requests ----------------------------------------------------

struct StepWords {
  domain::AdviceStep step;
  const char* label;
  const char* hint;
};
constexpr StepWords kStepWords[] = {
    {domain::AdviceStep::kRoleClarified, "1. I said what my role is",
     "I walk alongside and share what worked for me; the choice stays theirs."},
    {domain::AdviceStep::kSupportedDecision, "2. We looked at their own values and options",
     "What matters to them, what they could do, what each choice might bring."},
    {domain::AdviceStep::kExperienceShared, "3. I shared my own experience, if they wanted it",
     "What I went through and what helped me, as one story, not as advice."},
    {domain::AdviceStep::kSafetyAddressed, "4. Safety, if risk came up",
     "If they spoke of harm to themselves or others, we talked about staying safe."},
    {domain::AdviceStep::kClinicalConnectionOffered,
     "5. I offered a connection to clinical care, with their consent",
     "For questions about medication, diagnosis or treatment: their prescriber, clinic or "
     "care team."},
};
struct OutcomeWords {
  domain::AdviceStepOutcome outcome;
  const char* label;
};
constexpr OutcomeWords kOutcomeWords[] = {
    {domain::AdviceStepOutcome::kDone, "Done"},
    {domain::AdviceStepOutcome::kNotApplicable, "Did not apply"},
    {domain::AdviceStepOutcome::kDeclined, "They declined"},
    {domain::AdviceStepOutcome::kNotRecorded, "Not recorded"},
};

Status RenderAdviceForm(Context& context, const domain::Contact& contact,
                        const usecase::AdviceInput& input, const Errors& errors, int status) {
  ViewList steps;
  for (size_t index = 0; index < std::size(kStepWords); ++index) {
    const std::string code(domain::Name(kStepWords[index].step));
    ViewList options;
    for (const OutcomeWords& outcome : kOutcomeWords) {
      const std::string value(domain::Name(outcome.outcome));
      options.push_back(View{{"id", code + "-" + value},
                             {"name", code},
                             {"value", value},
                             {"label", std::string(outcome.label)},
                             {"checked", input.steps[index] == outcome.outcome}});
    }
    steps.push_back(View{{"code", code},
                         {"label", std::string(kStepWords[index].label)},
                         {"hint", std::string(kStepWords[index].hint)},
                         {"options", options},
                         {"error", ErrorOf(errors, code)}});
  }
  View data{{"csrf_token", context.Who().csrf_token},
            {"action", "/contacts/" + std::to_string(contact.id) + "/advice"},
            {"cancel_href", "/people/" + std::to_string(contact.person_id)},
            {"has_errors", !errors.empty()},
            {"asked", FieldView(errors, "asked", input.asked)},
            {"steps", steps},
            {"note", FieldView(errors, "note", input.note)}};
  RenderPage(context, "advice_form", "They asked for advice", std::move(data), status);
  return Status::Ok();
}

Status NewAdvice(Context& context) {
  ALONGSIDE_ASSIGN_OR_RETURN(
      domain::Contact contact,
      usecase::ContactToEdit(context.UseCases(), context.Caller(), context.PathId(0)));
  return RenderAdviceForm(context, contact, usecase::AdviceInput{}, {}, 200);
}

Status RecordAdvice(Context& context) {
  const usecase::Caller caller = context.Caller();
  ALONGSIDE_ASSIGN_OR_RETURN(domain::Contact contact,
                             usecase::ContactToEdit(context.UseCases(), caller, context.PathId(0)));
  usecase::AdviceInput input;
  input.asked = TrimmedField(context.request, "asked");
  input.note = TrimmedField(context.request, "note");
  Errors errors;
  for (size_t index = 0; index < std::size(kStepWords); ++index) {
    const std::string code(domain::Name(kStepWords[index].step));
    const std::string sent = Field(context.request, code);
    if (sent.empty()) continue;
    Result<domain::AdviceStepOutcome> outcome = domain::ParseAdviceStepOutcome(sent, code);
    if (outcome.ok()) {
      input.steps[index] = *outcome;
    } else {
      errors[code] = "Choose one of the answers.";
    }
  }
  if (errors.empty()) {
    Result<domain::AdviceRequest> recorded =
        usecase::RecordAdviceRequest(context.UseCases(), caller, contact.id, input);
    if (recorded.ok()) {
      BackToPerson(context, contact.person_id, "advice");
      return Status::Ok();
    }
    if (!AddFieldError(recorded.status(), {"asked", "note"}, errors)) return recorded.status();
  }
  return RenderAdviceForm(context, contact, input, errors, InvalidStatusCode());
}

// ---- Boundary moments ---------------------------------------------------

struct KindWords {
  domain::BoundaryEventKind kind;
  const char* label;
};
constexpr KindWords kKindWords[] = {
    {domain::BoundaryEventKind::kGift, "A gift"},
    {domain::BoundaryEventKind::kInvitation, "An invitation to an event"},
    {domain::BoundaryEventKind::kPersonalContact,
     "A request for personal contact (my own number, texting after hours, meeting outside "
     "the program)"},
    {domain::BoundaryEventKind::kSocialMedia, "A social media friend or follow request"},
    {domain::BoundaryEventKind::kDualRelationship,
     "A second relationship (working together, renting, family or business ties, dating)"},
    {domain::BoundaryEventKind::kFinancialRequest,
     "A request to lend, give or borrow money or things of value"},
};
struct DecisionWords {
  domain::BoundaryDecision decision;
  const char* guidance;  // what the guidance says
  const char* choice;    // what the worker did
};
constexpr DecisionWords kDecisionWords[] = {
    {domain::BoundaryDecision::kAcceptAndDocument,
     "Accept it and note it, with a conversation about what it means.",
     "I accepted it, and we talked about what it means"},
    {domain::BoundaryDecision::kAttend, "You can go: note that you went and what it meant.",
     "I went, or will go"},
    {domain::BoundaryDecision::kDeclineAndOfferAlternative,
     "Decline kindly and offer what the program can give instead.",
     "I declined kindly and offered an alternative"},
    {domain::BoundaryDecision::kConsultSupervisor,
     "Talk it through with your supervisor before you answer.",
     "I will answer after talking with my supervisor"},
};
const DecisionWords& WordsOf(domain::BoundaryDecision decision) {
  for (const DecisionWords& words : kDecisionWords) {
    if (words.decision == decision) return words;
  }
  return kDecisionWords[std::size(kDecisionWords) - 1];
}

// The boundary form as sent: the facts as typed, and what was decided.
struct BoundaryForm {
  std::string kind;
  std::string gift_value;  // dollars as typed: "8", "8.50"
  bool invitation_public = false;
  bool supports_integration = false;
  bool repeated = false;
  bool during_crisis = false;
  std::string decision;
  std::string conversation;
  bool supervisor_consulted = false;
  std::string consultation;
  Errors errors;

  static BoundaryForm FromRequest(const httplib::Request& request) {
    BoundaryForm form;
    form.kind = Field(request, "kind");
    form.gift_value = TrimmedField(request, "gift_value");
    form.invitation_public = Checked(request, "invitation_public");
    form.supports_integration = Checked(request, "supports_integration");
    form.repeated = Checked(request, "repeated");
    form.during_crisis = Checked(request, "during_crisis");
    form.decision = Field(request, "decision");
    form.conversation = TrimmedField(request, "conversation");
    form.supervisor_consulted = Checked(request, "supervisor_consulted");
    form.consultation = TrimmedField(request, "consultation");
    return form;
  }

  // "8", "8.5", "8.50", "$8" as whole cents; an error beside the field
  // otherwise. Empty is 0 (something with no money value).
  std::optional<std::int64_t> Cents() {
    std::string_view text = gift_value;
    if (!text.empty() && text.front() == '$') text.remove_prefix(1);
    std::int64_t dollars = 0;
    std::int64_t cents = 0;
    size_t at = 0;
    int digits = 0;
    for (; at < text.size() && text[at] >= '0' && text[at] <= '9'; ++at, ++digits) {
      dollars = dollars * 10 + (text[at] - '0');
      if (digits >= 7) break;
    }
    if (at < text.size() && text[at] == '.') {
      ++at;
      int places = 0;
      for (; at < text.size() && text[at] >= '0' && text[at] <= '9' && places < 2;
           ++at, ++places) {
        cents = cents * 10 + (text[at] - '0');
      }
      if (places == 1) cents *= 10;
    }
    if (at != text.size()) {
      errors["gift_value"] = "Enter the value in dollars, like 8 or 8.50.";
      return std::nullopt;
    }
    return dollars * 100 + cents;
  }

  std::optional<domain::BoundaryEvent> Event() {
    domain::BoundaryEvent event;
    Result<domain::BoundaryEventKind> parsed = domain::ParseBoundaryEventKind(kind, "kind");
    if (!parsed.ok()) errors["kind"] = "Choose what happened.";
    std::optional<std::int64_t> cents = Cents();
    if (!parsed.ok() || !cents) return std::nullopt;
    event.kind = *parsed;
    event.gift_value_cents = *cents;
    event.invitation_public = invitation_public;
    event.invitation_supports_community_integration = supports_integration;
    event.repeated = repeated;
    event.during_crisis = during_crisis;
    return event;
  }
};

Status RenderBoundaryForm(Context& context, const domain::Contact& contact,
                          const BoundaryForm& form,
                          const std::optional<domain::BoundaryGuidance>& guidance, int status) {
  ViewList kinds;
  for (const KindWords& words : kKindWords) {
    const std::string value(domain::Name(words.kind));
    kinds.push_back(View{{"value", value},
                         {"label", std::string(words.label)},
                         {"checked", value == form.kind}});
  }
  View data{{"csrf_token", context.Who().csrf_token},
            {"action", "/contacts/" + std::to_string(contact.id) + "/boundary"},
            {"cancel_href", "/people/" + std::to_string(contact.person_id)},
            {"has_errors", !form.errors.empty()},
            {"kinds", kinds},
            {"kind_error", ErrorOf(form.errors, "kind")},
            {"gift_value", FieldView(form.errors, "gift_value", form.gift_value)},
            {"invitation_public", form.invitation_public},
            {"supports_integration", form.supports_integration},
            {"repeated", form.repeated},
            {"during_crisis", form.during_crisis}};
  if (guidance) {
    ViewList reasons;
    for (const domain::BoundaryReason& reason : guidance->reasons) {
      reasons.push_back(View{{"suggestion", reason.suggestion}});
    }
    ViewList channels;
    for (const domain::OfficialChannel& channel : guidance->channels) {
      channels.push_back(View{{"label", channel.label}, {"available", channel.available}});
    }
    ViewList decisions;
    const std::string chosen =
        form.decision.empty() ? std::string(domain::Name(guidance->decision)) : form.decision;
    for (const DecisionWords& words : kDecisionWords) {
      const std::string value(domain::Name(words.decision));
      decisions.push_back(View{{"value", value},
                               {"label", std::string(words.choice)},
                               {"checked", value == chosen}});
    }
    data.emplace("guidance",
                 View{{"summary", std::string(WordsOf(guidance->decision).guidance)},
                      {"reasons", reasons},
                      {"has_channels", !channels.empty()},
                      {"channels", channels},
                      {"consult", guidance->supervisor_consultation_required},
                      {"safety_first", guidance->safety_first},
                      {"decisions", decisions},
                      {"decision_error", ErrorOf(form.errors, "decision")},
                      {"conversation", FieldView(form.errors, "conversation", form.conversation)},
                      {"supervisor_consulted", form.supervisor_consulted},
                      {"consultation", FieldView(form.errors, "consultation", form.consultation)}});
  }
  RenderPage(context, "boundary_form", "A boundary moment", std::move(data), status);
  return Status::Ok();
}

Status NewBoundary(Context& context) {
  ALONGSIDE_ASSIGN_OR_RETURN(
      domain::Contact contact,
      usecase::ContactToEdit(context.UseCases(), context.Caller(), context.PathId(0)));
  return RenderBoundaryForm(context, contact, BoundaryForm{}, std::nullopt, 200);
}

// "See the guidance" shows the policy's answer under the facts, with the
// decision to record; "Save" records the facts, the guidance and the
// decision.
Status RecordBoundary(Context& context) {
  const usecase::Caller caller = context.Caller();
  ALONGSIDE_ASSIGN_OR_RETURN(domain::Contact contact,
                             usecase::ContactToEdit(context.UseCases(), caller, context.PathId(0)));
  BoundaryForm form = BoundaryForm::FromRequest(context.request);
  std::optional<domain::BoundaryEvent> event = form.Event();
  if (!event) return RenderBoundaryForm(context, contact, form, std::nullopt, InvalidStatusCode());
  Result<domain::BoundaryGuidance> guidance = usecase::GuideBoundary(*event);
  if (!guidance.ok()) {
    if (!AddFieldError(guidance.status(), {"kind"}, form.errors)) return guidance.status();
    if (guidance.status().field() == "gift_value_cents") {
      form.errors["gift_value"] = AsSentence(guidance.status().detail());
    }
    return RenderBoundaryForm(context, contact, form, std::nullopt, InvalidStatusCode());
  }
  if (Field(context.request, "step") != "save") {
    return RenderBoundaryForm(context, contact, form, *guidance, 200);
  }
  usecase::BoundaryInput input;
  input.event = *event;
  Result<domain::BoundaryDecision> decision =
      domain::ParseBoundaryDecision(form.decision, "decision");
  if (!decision.ok()) {
    form.errors["decision"] = "Choose what you did.";
    return RenderBoundaryForm(context, contact, form, *guidance, InvalidStatusCode());
  }
  input.decision = *decision;
  input.conversation = form.conversation;
  input.supervisor_consulted = form.supervisor_consulted;
  input.consultation = form.consultation;
  Result<usecase::BoundaryRecorded> recorded =
      usecase::RecordBoundaryEvent(context.UseCases(), caller, contact.id, input);
  if (recorded.ok()) {
    BackToPerson(context, contact.person_id, "boundary");
    return Status::Ok();
  }
  if (!AddFieldError(recorded.status(), {"conversation", "consultation"}, form.errors)) {
    return recorded.status();
  }
  return RenderBoundaryForm(context, contact, form, *guidance, InvalidStatusCode());
}

// ---- Drift flags --------------------------------------------------------

// A supervisor resolves a flag from the supervisee's page; back there, at
// the flags. What went wrong is named by a code the page words
// (supervision_pages.cc, DriftProblem).
Status ResolveDrift(Context& context) {
  const usecase::Caller caller = context.Caller();
  const store::Id worker_id = context.PathId(0);
  const store::Id flag_id = context.PathId(1);
  const std::string back = "/supervision/workers/" + std::to_string(worker_id);
  Result<domain::DriftResolution> resolution =
      domain::ParseDriftResolution(Field(context.request, "resolution"), "resolution");
  std::string problem = "how";
  if (resolution.ok()) {
    usecase::DriftResolutionInput input;
    input.resolution = *resolution;
    input.note = TrimmedField(context.request, "note");
    if (input.resolution == domain::DriftResolution::kDiscussedInSupervision) {
      Result<store::Id> session = IdField(context.request, "supervision_session_id");
      if (session.ok()) input.supervision_session_id = *session;
    }
    Result<domain::DriftFlag> resolved =
        usecase::ResolveDriftFlag(context.UseCases(), caller, flag_id, input);
    if (resolved.ok()) {
      Redirect(context, back + "?resolved=" + std::to_string(flag_id) + "#drift-flags");
      return Status::Ok();
    }
    const Status& status = resolved.status();
    if (status.code() == StatusCode::kConflict) {
      problem = "resolved";
    } else if (status.code() == StatusCode::kInvalidArgument && status.field() == "note") {
      problem = "note";
    } else if (status.code() == StatusCode::kInvalidArgument &&
               status.field() == "supervision_session_id") {
      problem = "session";
    } else {
      return status;
    }
  }
  Redirect(context, back + "?unresolved=" + std::to_string(flag_id) + "&problem=" + problem +
                        "#drift-" + std::to_string(flag_id));
  return Status::Ok();
}

}  // namespace

void AddGuardrailPages(Router& router) {
  constexpr RouteAccess kSignedIn = RouteAccess::kSignedIn;
  router.Add(PageRoute("GET", "/contacts/{id}/advice", kSignedIn, NewAdvice,
                       "The five-step guide when a person asks for advice"));
  router.Add(PageRoute("POST", "/contacts/{id}/advice", kSignedIn, RecordAdvice,
                       "Records a request for advice and its five steps"));
  router.Add(PageRoute("GET", "/contacts/{id}/boundary", kSignedIn, NewBoundary,
                       "A boundary moment: what happened"));
  router.Add(PageRoute("POST", "/contacts/{id}/boundary", kSignedIn, RecordBoundary,
                       "Shows the program's guidance, then records the boundary moment"));
  router.Add(PageRoute("POST", "/supervision/workers/{id}/drift/{id}", kSignedIn, ResolveDrift,
                       "Resolves a role-drift flag"));
}

}  // namespace alongside::server::pages
