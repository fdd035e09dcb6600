// The person's plans on the pages (docs/plans.md): their wellness plan and
// their safety plan, read, written, co-signed, shared and printed on their
// own pages (/me/plans/...), and read, written with them and printed by
// their peer worker (/people/{id}/plans/...). Whose version is whose, who
// co-signs, who reads and what a version may hold are the use cases' rules
// (usecase/person_plans.h); the handlers here parse and render.
#include "server/pages/plan_pages.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "domain/plan_templates.h"
#include "server/pages/form.h"
#include "server/pages/page_routes.h"
#include "server/pages/record_views.h"
#include "usecase/people.h"
#include "usecase/person_plans.h"

namespace alongside::server::pages {
namespace {

// The order the pages offer the plans in: the safety plan first.
constexpr std::array<domain::PlanKind, 2> kKindsShown = {domain::PlanKind::kSafety,
                                                         domain::PlanKind::kWellness};

// A form field holding one section's words: "sections.warning_signs" (the
// API's "sections" object, flattened).
constexpr std::string_view kSectionPrefix = "sections.";

std::string IdText(store::Id id) { return std::to_string(id); }

// "My safety plan" -> "Make my safety plan"; "Change my safety plan".
std::string Lead(const std::string& verb, const std::string& label) {
  if (label.empty()) return verb;
  std::string rest = label;
  rest[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(rest[0])));
  return verb + " " + rest;
}

// The kind in words on staff pages ("safety plan"): the template's label is
// the person's own title for it ("My safety plan"), in their voice.
std::string KindWords(domain::PlanKind kind) { return std::string(domain::Name(kind)) + " plan"; }

bool Shares(const domain::PersonPlan& plan, domain::PlanAudience audience) {
  return std::find(plan.shared_with.begin(), plan.shared_with.end(), audience) !=
         plan.shared_with.end();
}

// Who is looking: the person on their own pages, or staff on the person's,
// with the names of the workers who wrote versions.
struct Reader {
  bool own = false;
  store::Id person_id = 0;
  std::string name;  // the person's preferred name
  std::string base;  // "/me/plans" or "/people/12/plans"
  std::optional<WorkerNames> authors;

  std::string PlanAddress(store::Id plan_id) const { return base + "/" + IdText(plan_id); }
};

std::string OwnBase() { return "/me/plans"; }
std::string StaffBase(store::Id person_id) { return "/people/" + IdText(person_id) + "/plans"; }

Result<Reader> OwnReader(Context& context) {
  ALONGSIDE_ASSIGN_OR_RETURN(usecase::OwnRecord record,
                             usecase::ReadOwnRecord(context.UseCases(), context.Caller()));
  Reader reader;
  reader.own = true;
  reader.person_id = record.person.id;
  reader.name = record.person.preferred_name;
  reader.base = OwnBase();
  reader.authors = WorkerNames::Known(record.workers, "a former peer worker");
  return reader;
}

Result<Reader> StaffReader(Context& context, store::Id person_id) {
  ALONGSIDE_ASSIGN_OR_RETURN(store::PersonRow row,
                             usecase::ReadPerson(context.UseCases(), context.Caller(), person_id));
  Reader reader;
  reader.person_id = person_id;
  reader.name = row.person.preferred_name;
  reader.base = StaffBase(person_id);
  reader.authors = WorkerNames::LookedUp(context);
  return reader;
}

// The plan a path names: the person's own (/me/plans/{id}) or the person's
// in the path (/people/{person}/plans/{plan}); anyone else's is not found
// (staff have no plans of their own: person 0 owns none).
usecase::PlanRef OwnRef(Context& context) {
  return usecase::PlanRef{context.PathId(0), context.Who().person_id.value_or(0)};
}
usecase::PlanRef StaffRef(Context& context) {
  return usecase::PlanRef{context.PathId(1), context.PathId(0)};
}

std::string DayOf(Instant instant, const TimeZone& zone) {
  return FormatReadableDay(zone.DayOf(instant));
}

// Whose words the version is, in a sentence for the reader.
Result<std::string> Authorship(const domain::PlanVersion& version, Reader& reader,
                               const TimeZone& zone) {
  if (version.by_person) return reader.own ? "Written by you" : "Written by " + reader.name;
  std::string worker = "a peer worker";
  if (version.author_staff_id) {
    ALONGSIDE_ASSIGN_OR_RETURN(worker, reader.authors->Of(*version.author_staff_id));
  }
  std::string text = reader.own ? "Written with " + worker
                                : "Written by " + worker + " with " + reader.name;
  if (version.cosigned_at) {
    text += (reader.own ? ", co-signed by you on " : ", co-signed by " + reader.name + " on ") +
            DayOf(*version.cosigned_at, zone);
  } else {
    text += reader.own ? ", waiting for your co-signature"
                       : ", waiting for " + reader.name + "'s co-signature";
  }
  return text;
}

// "Sam T., their peer worker and their peer worker's supervisors".
std::string ReadersInWords(const domain::PersonPlan& plan, const std::string& name) {
  std::vector<std::string> readers = {name, "their peer worker"};
  if (Shares(plan, domain::PlanAudience::kSupervisors)) {
    readers.push_back("their peer worker's supervisors");
  }
  if (Shares(plan, domain::PlanAudience::kTeam)) {
    readers.push_back("the other peer workers on their team");
  }
  std::string text;
  for (size_t reader_idx = 0; reader_idx < readers.size(); ++reader_idx) {
    if (reader_idx > 0) text += reader_idx + 1 == readers.size() ? " and " : ", ";
    text += readers[reader_idx];
  }
  return text;
}

// "part-warning-signs": where a section's heading is, for the list of links.
std::string Anchor(const std::string& code) {
  std::string anchor = "part-" + code;
  std::replace(anchor.begin(), anchor.end(), '_', '-');
  return anchor;
}

// Every section of the template, in its order, with the version's words
// (false when it has none), then any words under a code the program's
// templates no longer have (kept, never hidden).
ViewList SectionViews(domain::PlanKind kind, const domain::PlanVersion& version) {
  const domain::PlanTemplate& plan = domain::PlanTemplates::Default().Of(kind);
  auto words_of = [&version](const std::string& code) -> ViewValue {
    for (const domain::PlanSection& section : version.sections) {
      if (section.code == code) return OptionalText(section.words);
    }
    return false;
  };
  ViewList views;
  for (const domain::PlanTemplateSection& section : plan.sections) {
    views.push_back(View{{"anchor", Anchor(section.code)},
                         {"heading", section.heading},
                         {"words", words_of(section.code)}});
  }
  for (const domain::PlanSection& section : version.sections) {
    if (plan.Find(section.code) != nullptr) continue;
    std::string heading = section.code;
    std::replace(heading.begin(), heading.end(), '_', ' ');
    views.push_back(View{{"anchor", Anchor(section.code)},
                         {"heading", heading},
                         {"words", OptionalText(section.words)}});
  }
  return views;
}

ViewList CrisisLineViews() {
  ViewList lines;
  for (const domain::CrisisLine& line : domain::PlanTemplates::Default().crisis_lines()) {
    lines.push_back(View{{"label", line.label}, {"how", line.how}, {"note", line.note}});
  }
  return lines;
}

// The words shown after a redirect (?saved=...), for this reader.
ViewValue PlanSavedMessage(const httplib::Request& request, const Reader& reader) {
  const std::string saved = Field(request, "saved");
  if (saved == "plan") {
    return reader.own ? std::string("Your plan is saved. It is yours: writing it is signing it.")
                      : "The plan is saved. It waits for " + reader.name +
                            "'s co-signature, which they give on their own page.";
  }
  if (saved == "cosigned" && reader.own) {
    return std::string("You co-signed your plan. It stands as yours.");
  }
  if (saved == "sharing" && reader.own) return std::string("Your choice is saved.");
  return false;
}

// What the plan page and the printed page both show of the latest version.
Result<View> PlanBasics(const usecase::PlanView& view, Reader& reader, const TimeZone& zone) {
  const domain::PersonPlan& plan = view.plan;
  const domain::PlanVersion& latest = plan.latest();
  ALONGSIDE_ASSIGN_OR_RETURN(std::string authorship, Authorship(latest, reader, zone));
  ViewValue review = false;
  if (latest.review_on) review = FormatReadableDay(*latest.review_on);
  View data{{"id", IdText(plan.id)},
            {"label", domain::PlanTemplates::Default().Of(plan.kind).label},
            {"name", reader.name},
            {"own", reader.own},
            {"staff", !reader.own},
            {"address", reader.PlanAddress(plan.id)},
            {"version", std::to_string(latest.version)},
            {"version_day", DayOf(latest.written_at, zone)},
            {"authorship", authorship},
            {"review_on", review},
            {"is_safety", plan.kind == domain::PlanKind::kSafety}};
  data.emplace("sections", SectionViews(plan.kind, latest));
  data.emplace("crisis_lines", CrisisLineViews());
  return data;
}

Status RenderPlan(Context& context, Reader& reader, const usecase::PlanView& view) {
  const domain::PersonPlan& plan = view.plan;
  ALONGSIDE_ASSIGN_OR_RETURN(View data, PlanBasics(view, reader, context.Caller().zone));
  const ViewValue saved = PlanSavedMessage(context.request, reader);
  const bool on_sharing = SavedAt(context.request) == "sharing";
  data.emplace("saved", on_sharing ? ViewValue(false) : saved);
  data.emplace("sharing_notice", on_sharing ? saved : ViewValue(false));
  data.emplace("csrf_token", context.Who().csrf_token);
  data.emplace("may_write", view.may_write);
  data.emplace("may_cosign", view.may_own && view.awaiting_cosign);
  data.emplace("may_share", view.may_own);
  data.emplace("awaiting_cosign", view.awaiting_cosign);
  data.emplace("shared_supervisors", Shares(plan, domain::PlanAudience::kSupervisors));
  data.emplace("shared_team", Shares(plan, domain::PlanAudience::kTeam));
  data.emplace("readers", ReadersInWords(plan, reader.name));
  data.emplace("back", reader.own ? std::string("/me") : "/people/" + IdText(reader.person_id));
  const std::string title = reader.own
                                ? domain::PlanTemplates::Default().Of(plan.kind).label
                                : reader.name + "'s " + KindWords(plan.kind);
  RenderPage(context, "person_plan", title, std::move(data));
  return Status::Ok();
}

Status RenderPrint(Context& context, Reader& reader, const usecase::PlanView& view) {
  ALONGSIDE_ASSIGN_OR_RETURN(View data, PlanBasics(view, reader, context.Caller().zone));
  const std::string label = domain::PlanTemplates::Default().Of(view.plan.kind).label;
  RenderPage(context, "person_plan_print", label, std::move(data));
  return Status::Ok();
}

// The plan form as shown: a new plan of `kind`, or a new version of
// `plan_id`, with the words by section code, the review day as typed and
// the errors by field ("sections", "sections.<code>", "review_on").
struct PlanForm {
  domain::PlanKind kind = domain::PlanKind::kSafety;
  std::optional<store::Id> plan_id;
  std::map<std::string, std::string> words;
  std::string review_on;
  std::map<std::string, std::string> errors;
  bool answered = false;  // shown again with what was sent
};

// Line breaks as the person made them: browsers send a textarea's as CRLF.
std::string Unix(std::string text) {
  std::string out;
  out.reserve(text.size());
  for (size_t at = 0; at < text.size(); ++at) {
    if (text[at] == '\r' && at + 1 < text.size() && text[at + 1] == '\n') continue;
    out += text[at];
  }
  return out;
}

// The sections as posted, exactly as typed (the use case leaves out the
// empty ones and names any it does not know).
std::map<std::string, std::string> PostedWords(const httplib::Request& request) {
  std::map<std::string, std::string> words;
  for (const auto& [name, value] : request.params) {
    if (name.size() > kSectionPrefix.size() && name.starts_with(kSectionPrefix)) {
      words[name.substr(kSectionPrefix.size())] = Unix(value);
    }
  }
  return words;
}

// The form's words as the use case takes them; the review day from the
// form, or its error beside the field. An empty day clears the plan's.
usecase::PlanWrite WriteOf(PlanForm& form) {
  usecase::PlanWrite write;
  for (const auto& [code, words] : form.words) {
    write.sections.push_back(domain::PlanSection{code, words});
  }
  httplib::Request day_only;
  day_only.params.emplace("review_on", form.review_on);
  Result<std::optional<Day>> review = OptionalDayField(day_only, "review_on");
  if (!review.ok()) {
    form.errors["review_on"] = AsSentence(review.status().detail());
  } else if (*review) {
    write.review_on = *review;
  } else {
    write.clear_review = form.plan_id.has_value();
  }
  return write;
}

// Puts the use case's InvalidArgument beside its field, in plain words;
// false when it names no field of this form.
bool AddPlanFieldError(const Status& status, PlanForm& form) {
  if (status.code() != StatusCode::kInvalidArgument) return false;
  const std::string& field = status.field();
  const domain::PlanTemplate& plan = domain::PlanTemplates::Default().Of(form.kind);
  if (field == "review_on") {
    form.errors[field] = AsSentence(status.detail());
    return true;
  }
  if (field == "sections") {
    form.errors[field] = "Write something in at least one part of the plan.";
    return true;
  }
  if (!field.starts_with(kSectionPrefix)) return false;
  const domain::PlanTemplateSection* section =
      plan.Find(std::string_view(field).substr(kSectionPrefix.size()));
  if (section == nullptr) return false;
  const std::string& typed = form.words[section->code];
  form.errors[field] =
      typed.size() > section->max_bytes
          ? "This part is too long: it holds up to " + std::to_string(section->max_bytes) +
                " characters. Please make it shorter."
          : AsSentence(status.detail());
  return true;
}

Status RenderPlanForm(Context& context, const Reader& reader, const PlanForm& form, int status) {
  const domain::PlanTemplate& plan = domain::PlanTemplates::Default().Of(form.kind);
  ViewList sections;
  ViewList error_list;
  bool first = true;
  for (const domain::PlanTemplateSection& section : plan.sections) {
    const std::string field = std::string(kSectionPrefix) + section.code;
    const std::string id = "section-" + section.code;
    auto typed = form.words.find(section.code);
    ViewValue error = ErrorOf(form.errors, field);
    // Nothing written at all is said beside the first part.
    const bool whole_plan = first && !error.is_string() && form.errors.count("sections") > 0;
    if (whole_plan) error = ErrorOf(form.errors, "sections");
    first = false;
    if (error.is_string()) {
      error_list.push_back(View{{"target", id},
                                {"label", whole_plan ? std::string("The plan") : section.heading},
                                {"message", error.string_value()}});
    }
    sections.push_back(View{{"id", id},
                            {"name", field},
                            {"heading", section.heading},
                            {"help", section.help},
                            {"value", typed == form.words.end() ? std::string() : typed->second},
                            {"error", error}});
  }
  View review = FieldView(form.errors, "review_on", form.review_on);
  if (form.errors.count("review_on")) {
    error_list.push_back(View{{"target", std::string("review_on")},
                              {"label", std::string("Look at it again by")},
                              {"message", form.errors.at("review_on")}});
  }
  const std::string label = plan.label;
  const bool is_new = !form.plan_id;
  std::string title;
  if (reader.own) {
    title = Lead(is_new ? "Make" : "Change", label);
  } else {
    title = is_new ? "Make a " + KindWords(form.kind) + " with " + reader.name
                   : "Change " + reader.name + "'s " + KindWords(form.kind);
  }
  const std::string action =
      is_new ? reader.base : reader.PlanAddress(*form.plan_id) + "/versions";
  const std::string cancel =
      !is_new ? reader.PlanAddress(*form.plan_id)
              : reader.own ? std::string("/me") : "/people/" + IdText(reader.person_id) + "#plans";
  const size_t error_count = error_list.size();
  View data{{"csrf_token", context.Who().csrf_token},
            {"own", reader.own},
            {"staff", !reader.own},
            {"name", reader.name},
            {"label", label},
            {"action", action},
            {"cancel", cancel},
            {"kind", is_new ? OptionalText(std::string(domain::Name(form.kind))) : false},
            {"is_new", is_new},
            {"is_safety", form.kind == domain::PlanKind::kSafety},
            {"answered", form.answered},
            {"has_errors", error_count > 0},
            {"error_count_text", error_count == 1 ? std::string("one thing")
                                                  : std::to_string(error_count) + " things"}};
  data.emplace("sections", std::move(sections));
  data.emplace("error_list", std::move(error_list));
  data.emplace("review", ToValue(std::move(review)));
  RenderPage(context, "person_plan_form", title, std::move(data), status);
  return Status::Ok();
}

// The form for a new plan of the kind asked (?kind=safety|wellness), or,
// when the person has one of that kind already, that plan's form.
Status NewPlanFor(Context& context, Reader& reader) {
  ALONGSIDE_ASSIGN_OR_RETURN(domain::PlanKind kind,
                             domain::ParsePlanKind(Field(context.request, "kind"), "kind"));
  ALONGSIDE_ASSIGN_OR_RETURN(
      std::vector<usecase::PlanView> plans,
      usecase::ListPlans(context.UseCases(), context.Caller(), reader.person_id));
  for (const usecase::PlanView& view : plans) {
    if (view.plan.kind != kind) continue;
    Redirect(context, reader.PlanAddress(view.plan.id) + (view.may_write ? "/edit" : ""));
    return Status::Ok();
  }
  PlanForm form;
  form.kind = kind;
  return RenderPlanForm(context, reader, form, 200);
}

// Starts the person's plan: the person's own words are theirs; a worker's,
// written with them, wait for their co-signature (the use case says whose).
Status CreatePlanFor(Context& context, store::Id person_id, bool own) {
  ALONGSIDE_ASSIGN_OR_RETURN(domain::PlanKind kind,
                             domain::ParsePlanKind(Field(context.request, "kind"), "kind"));
  PlanForm form;
  form.kind = kind;
  form.words = PostedWords(context.request);
  form.review_on = Field(context.request, "review_on");
  const usecase::PlanWrite write = WriteOf(form);
  if (form.errors.empty()) {
    Result<usecase::PlanView> created =
        usecase::CreatePlan(context.UseCases(), context.Caller(), person_id, kind, write);
    if (created.ok()) {
      const std::string base = own ? OwnBase() : StaffBase(person_id);
      Redirect(context, base + "/" + IdText(created->plan.id) + "?saved=plan#notice");
      return Status::Ok();
    }
    if (!AddPlanFieldError(created.status(), form)) return created.status();
  }
  form.answered = true;
  ALONGSIDE_ASSIGN_OR_RETURN(Reader reader, own ? OwnReader(context)
                                                : StaffReader(context, person_id));
  return RenderPlanForm(context, reader, form, InvalidStatusCode());
}

// The form for a new version, filled with the latest; one the caller may
// not write is shown instead (it has no form for them).
Status EditPlanFor(Context& context, Reader& reader, usecase::PlanRef ref) {
  ALONGSIDE_ASSIGN_OR_RETURN(usecase::PlanView view,
                             usecase::GetPlan(context.UseCases(), context.Caller(), ref));
  if (!view.may_write) {
    Redirect(context, reader.PlanAddress(view.plan.id));
    return Status::Ok();
  }
  const domain::PlanVersion& latest = view.plan.latest();
  PlanForm form;
  form.kind = view.plan.kind;
  form.plan_id = view.plan.id;
  for (const domain::PlanSection& section : latest.sections) form.words[section.code] = section.words;
  if (latest.review_on) form.review_on = FormatDay(*latest.review_on);
  return RenderPlanForm(context, reader, form, 200);
}

// A new version of the whole plan, as the form holds it now.
Status RevisePlanFor(Context& context, usecase::PlanRef ref, bool own) {
  PlanForm form;
  form.plan_id = ref.plan_id;
  form.words = PostedWords(context.request);
  form.review_on = Field(context.request, "review_on");
  const usecase::PlanWrite write = WriteOf(form);
  const std::string base = own ? OwnBase() : StaffBase(*ref.person_id);
  Status refused = Status::Ok();
  if (form.errors.empty()) {
    Result<usecase::PlanView> revised =
        usecase::RevisePlan(context.UseCases(), context.Caller(), ref, write);
    if (revised.ok()) {
      Redirect(context, base + "/" + IdText(ref.plan_id) + "?saved=plan#notice");
      return Status::Ok();
    }
    if (revised.status().code() != StatusCode::kInvalidArgument) return revised.status();
    refused = revised.status();
  }
  // Shown again: the plan's kind says which sections the form has.
  ALONGSIDE_ASSIGN_OR_RETURN(usecase::PlanView view,
                             usecase::GetPlan(context.UseCases(), context.Caller(), ref));
  form.kind = view.plan.kind;
  if (!refused.ok() && !AddPlanFieldError(refused, form)) return refused;
  form.answered = true;
  ALONGSIDE_ASSIGN_OR_RETURN(Reader reader, own ? OwnReader(context)
                                                : StaffReader(context, *ref.person_id));
  return RenderPlanForm(context, reader, form, InvalidStatusCode());
}

// The person's own pages.

Status NewOwnPlan(Context& context) {
  ALONGSIDE_ASSIGN_OR_RETURN(Reader reader, OwnReader(context));
  return NewPlanFor(context, reader);
}

Status CreateOwnPlan(Context& context) {
  if (!context.Who().person_id) return Status::NotFound("plan");
  return CreatePlanFor(context, *context.Who().person_id, true);
}

Status ShowOwnPlan(Context& context) {
  ALONGSIDE_ASSIGN_OR_RETURN(usecase::PlanView view, usecase::GetPlan(context.UseCases(),
                                                                      context.Caller(),
                                                                      OwnRef(context)));
  ALONGSIDE_ASSIGN_OR_RETURN(Reader reader, OwnReader(context));
  return RenderPlan(context, reader, view);
}

Status EditOwnPlan(Context& context) {
  ALONGSIDE_ASSIGN_OR_RETURN(Reader reader, OwnReader(context));
  return EditPlanFor(context, reader, OwnRef(context));
}

Status ReviseOwnPlan(Context& context) { return RevisePlanFor(context, OwnRef(context), true); }

// The person co-signs the version their worker wrote with them.
Status CosignOwnPlan(Context& context) {
  ALONGSIDE_ASSIGN_OR_RETURN(
      usecase::PlanView view,
      usecase::CosignPlan(context.UseCases(), context.Caller(), OwnRef(context)));
  Redirect(context, OwnBase() + "/" + IdText(view.plan.id) + "?saved=cosigned#notice");
  return Status::Ok();
}

// The person chooses who beyond their peer worker reads the plan: the boxes
// ticked, none for nobody else.
Status ShareOwnPlan(Context& context) {
  std::vector<domain::PlanAudience> audiences;
  for (const std::string& name : Fields(context.request, "shared_with")) {
    ALONGSIDE_ASSIGN_OR_RETURN(domain::PlanAudience audience,
                               domain::ParsePlanAudience(name, "shared_with"));
    audiences.push_back(audience);
  }
  ALONGSIDE_ASSIGN_OR_RETURN(
      usecase::PlanView view,
      usecase::SharePlan(context.UseCases(), context.Caller(), OwnRef(context), audiences));
  Redirect(context,
           OwnBase() + "/" + IdText(view.plan.id) + "?saved=sharing&at=sharing#sharing");
  return Status::Ok();
}

Status PrintOwnPlan(Context& context) {
  ALONGSIDE_ASSIGN_OR_RETURN(usecase::PlanView view, usecase::GetPlan(context.UseCases(),
                                                                      context.Caller(),
                                                                      OwnRef(context)));
  ALONGSIDE_ASSIGN_OR_RETURN(Reader reader, OwnReader(context));
  return RenderPrint(context, reader, view);
}

// The person's plans as their peer worker (or a supervisor it is shared
// with) sees them.

Status NewPlanWithPerson(Context& context) {
  ALONGSIDE_ASSIGN_OR_RETURN(Reader reader, StaffReader(context, context.PathId(0)));
  return NewPlanFor(context, reader);
}

Status CreatePlanWithPerson(Context& context) {
  return CreatePlanFor(context, context.PathId(0), false);
}

Status ShowPersonPlan(Context& context) {
  ALONGSIDE_ASSIGN_OR_RETURN(usecase::PlanView view, usecase::GetPlan(context.UseCases(),
                                                                      context.Caller(),
                                                                      StaffRef(context)));
  ALONGSIDE_ASSIGN_OR_RETURN(Reader reader, StaffReader(context, context.PathId(0)));
  return RenderPlan(context, reader, view);
}

Status EditPlanWithPerson(Context& context) {
  ALONGSIDE_ASSIGN_OR_RETURN(Reader reader, StaffReader(context, context.PathId(0)));
  return EditPlanFor(context, reader, StaffRef(context));
}

Status RevisePlanWithPerson(Context& context) {
  return RevisePlanFor(context, StaffRef(context), false);
}

Status PrintPersonPlan(Context& context) {
  ALONGSIDE_ASSIGN_OR_RETURN(usecase::PlanView view, usecase::GetPlan(context.UseCases(),
                                                                      context.Caller(),
                                                                      StaffRef(context)));
  ALONGSIDE_ASSIGN_OR_RETURN(Reader reader, StaffReader(context, context.PathId(0)));
  return RenderPrint(context, reader, view);
}

}  // namespace

Result<ViewList> OwnPlanLinks(Context& context) {
  ViewList links;
  if (!context.Who().person_id) return links;
  ALONGSIDE_ASSIGN_OR_RETURN(
      std::vector<usecase::PlanView> plans,
      usecase::ListPlans(context.UseCases(), context.Caller(), *context.Who().person_id));
  const domain::PlanTemplates& templates = domain::PlanTemplates::Default();
  for (domain::PlanKind kind : kKindsShown) {
    const std::string& label = templates.Of(kind).label;
    auto found = std::find_if(plans.begin(), plans.end(), [kind](const usecase::PlanView& view) {
      return view.plan.kind == kind;
    });
    if (found == plans.end()) {
      links.push_back(View{{"href", OwnBase() + "/new?kind=" + std::string(domain::Name(kind))},
                           {"label", Lead("Make", label)},
                           {"awaiting", false},
                           {"is_new", true}});
    } else {
      links.push_back(View{{"href", OwnBase() + "/" + IdText(found->plan.id)},
                           {"label", label},
                           {"awaiting", found->awaiting_cosign},
                           {"is_new", false}});
    }
  }
  return links;
}

Result<View> PersonPlansView(Context& context, store::Id person_id, const std::string& name,
                             bool may_start) {
  ALONGSIDE_ASSIGN_OR_RETURN(
      std::vector<usecase::PlanView> plans,
      usecase::ListPlans(context.UseCases(), context.Caller(), person_id));
  const domain::PlanTemplates& templates = domain::PlanTemplates::Default();
  const Day today = context.Caller().today();
  ViewList items;
  for (domain::PlanKind kind : kKindsShown) {
    for (const usecase::PlanView& view : plans) {
      if (view.plan.kind != kind) continue;
      const domain::PlanVersion& latest = view.plan.latest();
      ViewValue review = false;
      if (latest.review_on) review = FormatReadableDay(*latest.review_on);
      items.push_back(View{{"href", StaffBase(person_id) + "/" + IdText(view.plan.id)},
                           {"label", templates.Of(kind).label},
                           {"kind", KindWords(kind)},
                           {"version", std::to_string(latest.version)},
                           {"awaiting", view.awaiting_cosign},
                           {"review_on", review},
                           {"review_due", latest.review_on && *latest.review_on <= today}});
    }
  }
  ViewList starts;
  if (may_start) {
    for (domain::PlanKind kind : kKindsShown) {
      const bool has = std::any_of(plans.begin(), plans.end(), [kind](const usecase::PlanView& v) {
        return v.plan.kind == kind;
      });
      if (has) continue;
      starts.push_back(
          View{{"href", StaffBase(person_id) + "/new?kind=" + std::string(domain::Name(kind))},
               {"label", "Make a " + KindWords(kind) + " with " + name}});
    }
  }
  View data{{"has_plans", !items.empty()}, {"has_plan_starts", !starts.empty()}};
  data.emplace("plans", std::move(items));
  data.emplace("plan_starts", std::move(starts));
  return data;
}

Result<View> PlansDueView(Context& context) {
  ALONGSIDE_ASSIGN_OR_RETURN(std::vector<store::PlanDue> due,
                             usecase::MyPlansDue(context.UseCases(), context.Caller()));
  const Day today = context.Caller().today();
  ViewList rows;
  for (const store::PlanDue& row : due) {
    if (rows.size() >= static_cast<size_t>(kPlansDueShown)) break;
    rows.push_back(View{{"href", StaffBase(row.person_id) + "/" + IdText(row.plan_id)},
                        {"person_name", row.person_name},
                        {"kind", KindWords(row.kind)},
                        {"since", row.review_on >= today
                                      ? std::string("from today")
                                      : "since " + FormatReadableDay(row.review_on)}});
  }
  const std::int64_t more =
      static_cast<std::int64_t>(due.size()) - static_cast<std::int64_t>(rows.size());
  View data{{"has_plans_due", !due.empty()},
            {"plans_due_count", std::to_string(due.size())},
            {"more_plans_due", more > 0 ? ViewValue(std::to_string(more)) : ViewValue(false)}};
  data.emplace("plans_due", std::move(rows));
  return data;
}

void AddPlanPages(Router& router) {
  constexpr RouteAccess kSignedIn = RouteAccess::kSignedIn;
  router.Add(PageRoute("GET", "/me/plans/new", kSignedIn, NewOwnPlan,
                       "The form to make my wellness or safety plan (?kind=)"));
  router.Add(PageRoute("POST", "/me/plans", kSignedIn, CreateOwnPlan,
                       "Makes my plan: my words, signed by writing them"));
  router.Add(PageRoute("GET", "/me/plans/{id}", kSignedIn, ShowOwnPlan, "My plan"));
  router.Add(PageRoute("GET", "/me/plans/{id}/edit", kSignedIn, EditOwnPlan,
                       "The form to change my plan"));
  router.Add(PageRoute("POST", "/me/plans/{id}/versions", kSignedIn, ReviseOwnPlan,
                       "A new version of my plan, in my words"));
  router.Add(PageRoute("POST", "/me/plans/{id}/cosign", kSignedIn, CosignOwnPlan,
                       "Co-signs the version of my plan written with my peer worker"));
  router.Add(PageRoute("POST", "/me/plans/{id}/sharing", kSignedIn, ShareOwnPlan,
                       "Who beyond my peer worker may read my plan"));
  router.Add(PageRoute("GET", "/me/plans/{id}/print", kSignedIn, PrintOwnPlan,
                       "My plan on one clean page, to print or save"));
  router.Add(PageRoute("GET", "/people/{id}/plans/new", kSignedIn, NewPlanWithPerson,
                       "The form to make a plan with the person (?kind=)"));
  router.Add(PageRoute("POST", "/people/{id}/plans", kSignedIn, CreatePlanWithPerson,
                       "A plan written with the person, waiting for their co-signature"));
  router.Add(PageRoute("GET", "/people/{id}/plans/{id}", kSignedIn, ShowPersonPlan,
                       "The person's plan"));
  router.Add(PageRoute("GET", "/people/{id}/plans/{id}/edit", kSignedIn, EditPlanWithPerson,
                       "The form to change the person's plan with them"));
  router.Add(PageRoute("POST", "/people/{id}/plans/{id}/versions", kSignedIn,
                       RevisePlanWithPerson,
                       "A new version written with the person, waiting for their co-signature"));
  router.Add(PageRoute("GET", "/people/{id}/plans/{id}/print", kSignedIn, PrintPersonPlan,
                       "The person's plan on one clean page, to print or save"));
}

}  // namespace alongside::server::pages
