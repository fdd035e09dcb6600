// The contact form and what it does: record a contact, revise a draft
// (finalising it in the same step when asked), finalise a draft, amend a
// final note. Each write is one use case call (usecase/contacts.h), which
// decides who may write what: a draft belongs to the worker who wrote it, a
// final note needs a narrative, a start in the future is refused, the
// person's own words in a final note never change.
#include <optional>
#include <string>
#include <vector>

#include "rules/rules.h"
#include "server/pages/contact_form.h"
#include "server/pages/form.h"
#include "server/pages/page_routes.h"
#include "server/pages/page_view.h"
#include "server/pages/record_views.h"
#include "usecase/contacts.h"
#include "usecase/people.h"
#include "usecase/practice.h"

namespace alongside::server::pages {
namespace {

const domain::ActivityCatalog& Catalog() { return rules::Current().activities(); }

std::string ContactAnchor(const domain::Contact& contact) {
  return "#contact-" + std::to_string(contact.id);
}

// The contact form: for a new contact (a choice of `people`), or for an
// existing `contact` (its person named, read through the use case).
Status RenderContactForm(Context& context, const ContactForm& form, ContactFormMode mode,
                         const std::vector<store::PersonRow>& people,
                         const std::optional<domain::Contact>& contact, int status) {
  View view =
      form.ToView(mode, Catalog(), people, context.Caller().zone, context.Caller().who.role);
  view.emplace("csrf_token", context.Who().csrf_token);
  std::string title = "Record a contact";
  std::string submit = "Save contact";
  std::string action = "/contacts";
  std::string cancel = "/today";
  if (contact) {
    ALONGSIDE_ASSIGN_OR_RETURN(
        store::PersonRow person,
        usecase::ReadPerson(context.UseCases(), context.Caller(), contact->person_id));
    const std::string id = std::to_string(contact->id);
    cancel = "/people/" + std::to_string(contact->person_id) + ContactAnchor(*contact);
    view.emplace("person_fixed", View{{"name", person.person.preferred_name}});
    if (mode == ContactFormMode::kAmend) {
      title = "Amend a final note";
      submit = "Save the amendment";
      action = "/contacts/" + id + "/amend";
      view.emplace("intro", std::string("The final note stays as it was; your amendment is "
                                        "added as a new version with its reason."));
    } else {
      title = "Edit a draft note";
      submit = "Save draft";
      action = "/contacts/" + id + "/edit";
    }
  } else if (!form.person_id.empty()) {
    cancel = "/people/" + form.person_id;
  }
  view.emplace("action", action);
  view.emplace("submit_label", submit);
  view.emplace("cancel_href", cancel);
  RenderPage(context, "contact_form", title, std::move(view), status);
  return Status::Ok();
}

// Where the worker lands after a save: the person's page, at the notice
// that says what was saved (the newest note follows it).
void RedirectToNote(Context& context, const domain::Contact& contact, const char* saved) {
  Redirect(context,
           "/people/" + std::to_string(contact.person_id) + "?saved=" + saved + "#notice");
}

Status NewContact(Context& context) {
  const usecase::Caller caller = context.Caller();
  // "Find a person" narrows the choice; one match is chosen for the worker.
  const std::string query = TrimmedField(context.request, "q");
  ALONGSIDE_ASSIGN_OR_RETURN(std::vector<store::PersonRow> people,
                             usecase::WorkerCaseload(context.UseCases(), caller, query));
  ContactForm form =
      ContactForm::Defaults(caller.now, caller.zone, Field(context.request, "kind"));
  // Preselects that person when they are on the list; the use case decides
  // whether a contact may be recorded with them when the form is sent.
  if (context.request.has_param("person_id")) {
    ALONGSIDE_ASSIGN_OR_RETURN(store::Id person_id, IdField(context.request, "person_id"));
    form.person_id = std::to_string(person_id);
  } else if (!query.empty() && people.size() == 1) {
    form.person_id = std::to_string(people.front().person.id);
  }
  form.search = query;
  return RenderContactForm(context, form, ContactFormMode::kRecord, people, std::nullopt, 200);
}

Status RecordContact(Context& context) {
  const usecase::Caller caller = context.Caller();
  ContactForm form = ContactForm::FromRequest(context.request, ContactFormMode::kRecord);
  std::optional<usecase::ContactFields> fields =
      form.Parse(ContactFormMode::kRecord, Catalog(), caller);
  Result<store::Id> person_id = IdField(context.request, "person_id");
  if (!person_id.ok()) form.errors["person_id"] = "Choose the person this contact was with.";
  const bool held = fields && person_id.ok() && form.HoldForWordingReview();
  if (fields && person_id.ok() && !held) {
    Result<domain::Contact> recorded = usecase::RecordContact(context.UseCases(), caller,
                                                              *person_id, *fields, form.finalise);
    if (recorded.ok()) {
      RedirectToNote(context, *recorded, form.finalise ? "final" : "draft");
      return Status::Ok();
    }
    if (!form.AddError(recorded.status())) return recorded.status();
  }
  ALONGSIDE_ASSIGN_OR_RETURN(std::vector<store::PersonRow> people,
                             usecase::WorkerCaseload(context.UseCases(), caller));
  return RenderContactForm(context, form, ContactFormMode::kRecord, people, std::nullopt,
                           held ? 200 : InvalidStatusCode());
}

// A draft opens in the draft form; a final note in the amendment form (a
// final note is never edited).
Status EditContact(Context& context) {
  ALONGSIDE_ASSIGN_OR_RETURN(
      domain::Contact contact,
      usecase::ContactToEdit(context.UseCases(), context.Caller(), context.PathId(0)));
  const bool is_draft = contact.latest().status == domain::NoteStatus::kDraft;
  return RenderContactForm(context, ContactForm::FromVersion(contact.latest(), context.Caller().zone),
                           is_draft ? ContactFormMode::kEditDraft : ContactFormMode::kAmend, {},
                           contact, 200);
}

// Saves a new version of a contact: a revised draft (final too when asked,
// in one step) or an amendment of a final note.
Status SaveContactVersion(Context& context, ContactFormMode mode) {
  const usecase::Caller caller = context.Caller();
  const store::Id contact_id = context.PathId(0);
  ContactForm form = ContactForm::FromRequest(context.request, mode);
  std::optional<usecase::ContactFields> fields = form.Parse(mode, Catalog(), caller);
  const bool held = fields && form.HoldForWordingReview();
  if (fields && !held) {
    Result<usecase::ContactView> saved =
        mode == ContactFormMode::kAmend
            ? usecase::AmendContact(context.UseCases(), caller, contact_id, *fields,
                                    form.amend_reason)
            : usecase::ReviseDraft(context.UseCases(), caller, contact_id, *fields,
                                   form.finalise);
    if (saved.ok()) {
      const char* outcome = mode == ContactFormMode::kAmend ? "amended"
                            : form.finalise                 ? "final"
                                                            : "draft";
      RedirectToNote(context, saved->contact, outcome);
      return Status::Ok();
    }
    if (!form.AddError(saved.status())) return saved.status();
  }
  // Shown again, beside the contact as the caller may edit it.
  ALONGSIDE_ASSIGN_OR_RETURN(domain::Contact contact,
                             usecase::ContactToEdit(context.UseCases(), caller, contact_id));
  if (mode == ContactFormMode::kAmend) form.person_words = contact.latest().person_words;
  return RenderContactForm(context, form, mode, {}, contact, held ? 200 : InvalidStatusCode());
}

Status ReviseDraft(Context& context) {
  return SaveContactVersion(context, ContactFormMode::kEditDraft);
}

Status AmendContact(Context& context) {
  return SaveContactVersion(context, ContactFormMode::kAmend);
}

Status FinaliseContact(Context& context) {
  const usecase::Caller caller = context.Caller();
  const store::Id contact_id = context.PathId(0);
  Result<usecase::ContactView> finalised =
      usecase::FinaliseContact(context.UseCases(), caller, contact_id);
  if (finalised.ok()) {
    RedirectToNote(context, finalised->contact, "final");
    return Status::Ok();
  }
  if (finalised.status().code() != StatusCode::kInvalidArgument) return finalised.status();
  // A draft that cannot be final yet (no narrative) opens in the draft form,
  // the reason beside its field, "Finalize now" ticked.
  ALONGSIDE_ASSIGN_OR_RETURN(domain::Contact contact,
                             usecase::ContactToEdit(context.UseCases(), caller, contact_id));
  ContactForm form = ContactForm::FromVersion(contact.latest(), caller.zone);
  form.finalise = true;
  if (!form.AddError(finalised.status())) return finalised.status();
  return RenderContactForm(context, form, ContactFormMode::kEditDraft, {}, contact,
                           InvalidStatusCode());
}

}  // namespace

void AddContactPages(Router& router) {
  constexpr RouteAccess kSignedIn = RouteAccess::kSignedIn;
  router.Add(PageRoute("GET", "/contacts/new", kSignedIn, NewContact, "The contact form"));
  router.Add(PageRoute("POST", "/contacts", kSignedIn, RecordContact, "Records a contact"));
  router.Add(PageRoute("GET", "/contacts/{id}/edit", kSignedIn, EditContact,
                       "Edit a draft, or the amendment form of a final note"));
  router.Add(PageRoute("POST", "/contacts/{id}/edit", kSignedIn, ReviseDraft,
                       "Saves a new draft version, or the final one when \"Finalise now\" is "
                       "ticked"));
  router.Add(PageRoute("POST", "/contacts/{id}/finalise", kSignedIn, FinaliseContact,
                       "Signs a draft as final"));
  router.Add(PageRoute("POST", "/contacts/{id}/amend", kSignedIn, AmendContact,
                       "Amends a final note with a reason"));
}

}  // namespace alongside::server::pages
