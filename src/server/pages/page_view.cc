#include "server/pages/page_view.h"

#include <map>
#include <stdexcept>
#include <utility>

#include "server/http_status.h"

namespace alongside::embedded {
extern const std::string_view pages_templates_layout_mustache;
extern const std::string_view pages_templates_login_mustache;
extern const std::string_view pages_templates_today_mustache;
extern const std::string_view pages_templates_caseload_mustache;
extern const std::string_view pages_templates_person_mustache;
extern const std::string_view pages_templates_contact_form_mustache;
extern const std::string_view pages_templates_me_mustache;
extern const std::string_view pages_templates_my_goals_mustache;
extern const std::string_view pages_templates_my_contacts_mustache;
extern const std::string_view pages_templates_supervision_mustache;
extern const std::string_view pages_templates_program_mustache;
extern const std::string_view pages_templates_simple_mustache;
extern const std::string_view pages_templates_admin_mustache;
extern const std::string_view pages_templates_error_mustache;
extern const std::string_view pages_templates_field_error_mustache;
extern const std::string_view pages_static_app_css;
}  // namespace alongside::embedded

namespace alongside::server::pages {
namespace {

namespace embedded = alongside::embedded;

const std::map<std::string_view, std::string>& Templates() {
  static const auto* templates = new std::map<std::string_view, std::string>{
      {"layout", std::string(embedded::pages_templates_layout_mustache)},
      {"login", std::string(embedded::pages_templates_login_mustache)},
      {"today", std::string(embedded::pages_templates_today_mustache)},
      {"caseload", std::string(embedded::pages_templates_caseload_mustache)},
      {"person", std::string(embedded::pages_templates_person_mustache)},
      {"contact_form", std::string(embedded::pages_templates_contact_form_mustache)},
      {"me", std::string(embedded::pages_templates_me_mustache)},
      {"my_goals", std::string(embedded::pages_templates_my_goals_mustache)},
      {"my_contacts", std::string(embedded::pages_templates_my_contacts_mustache)},
      {"supervision", std::string(embedded::pages_templates_supervision_mustache)},
      {"admin", std::string(embedded::pages_templates_admin_mustache)},
      {"program", std::string(embedded::pages_templates_program_mustache)},
      {"simple", std::string(embedded::pages_templates_simple_mustache)},
      {"error", std::string(embedded::pages_templates_error_mustache)},
  };
  return *templates;
}

// Partials shared by several templates.
const std::map<std::string, std::string>& Partials() {
  static const auto* partials = new std::map<std::string, std::string>{
      {"field_error", std::string(embedded::pages_templates_field_error_mustache)},
  };
  return *partials;
}

struct NavItem {
  const char* href;
  const char* label;
};

std::vector<NavItem> NavFor(const Principal& principal) {
  if (principal.IsPerson()) {
    return {{"/me", "My record"}, {"/me/goals", "My goals"}, {"/me/contacts", "Notes about me"}};
  }
  if (!principal.role) return {};
  switch (*principal.role) {
    case domain::Role::kPeerSpecialist:
    case domain::Role::kPeerBridger:
    case domain::Role::kRecoveryCoach:
      return {{"/today", "Today"}, {"/caseload", "People I walk alongside"}};
    case domain::Role::kSeniorPeerSupervisor:
    case domain::Role::kClinicalSupervisor:
      return {{"/supervision", "Supervision"}};
    case domain::Role::kProgramManager:
    case domain::Role::kEvaluator:
      return {{"/program", "Program"}};
    case domain::Role::kAdministrator:
      return {{"/admin", "Administration"}};
    case domain::Role::kClinician:
      return {{"/welcome", "Home"}};
  }
  return {};
}

const char* RoleLabel(const Principal& principal) {
  if (principal.IsPerson()) return "Person served";
  if (!principal.role) return "";
  switch (*principal.role) {
    case domain::Role::kPeerSpecialist:
      return "Peer specialist";
    case domain::Role::kPeerBridger:
      return "Peer bridger";
    case domain::Role::kRecoveryCoach:
      return "Recovery coach";
    case domain::Role::kSeniorPeerSupervisor:
      return "Senior peer supervisor";
    case domain::Role::kClinicalSupervisor:
      return "Clinical supervisor";
    case domain::Role::kClinician:
      return "Clinician";
    case domain::Role::kProgramManager:
      return "Program manager";
    case domain::Role::kEvaluator:
      return "Evaluator";
    case domain::Role::kAdministrator:
      return "Administrator";
  }
  return "";
}

}  // namespace

void RenderPage(Context& context, std::string_view name, const std::string& title, mstch::map data,
                int status) {
  data.emplace("page_title", title);
  const std::string body = mstch::render(Templates().at(name), data, Partials());

  mstch::map layout{{"title", title}, {"body", body}};
  if (context.principal) {
    const Principal& who = *context.principal;
    mstch::array nav;
    const std::string& path = context.request.path;
    for (const NavItem& item : NavFor(who)) {
      nav.push_back(mstch::map{{"href", std::string(item.href)},
                               {"label", std::string(item.label)},
                               {"current", path == item.href}});
    }
    layout.emplace("signed_in", true);
    layout.emplace("nav", nav);
    layout.emplace("display_name", who.display_name);
    layout.emplace("role_label", std::string(RoleLabel(who)));
    layout.emplace("csrf_token", who.csrf_token);
  }
  context.response.status = status;
  context.response.set_content(mstch::render(Templates().at("layout"), layout, Partials()),
                               "text/html; charset=utf-8");
}

void RenderErrorPage(Context& context, const Status& status) {
  const int code = HttpStatusFor(status.code());
  std::string title = "Something went wrong";
  std::string explanation =
      "The page could not be shown. Nothing was changed. Please try again, and tell the "
      "program's administrator if it keeps happening.";
  switch (status.code()) {
    case StatusCode::kForbidden:
      title = "You do not have access to this page";
      explanation =
          "This page is outside what your role and your relationships in the program let you "
          "see or change. Nothing was changed. The attempt has been recorded in the audit log.";
      break;
    case StatusCode::kNotFound:
      title = "Page not found";
      explanation = "There is nothing at this address.";
      break;
    case StatusCode::kConflict:
      title = "That change could not be made";
      explanation = status.detail();
      break;
    case StatusCode::kInvalidArgument:
      title = "Something in the request was not right";
      explanation =
          status.field().empty() ? status.detail() : status.field() + ": " + status.detail();
      break;
    case StatusCode::kUnauthenticated:
      title = "Please sign in";
      explanation = "Your session has ended. Please sign in again.";
      break;
    default:
      break;
  }
  std::string home = context.principal ? HomeFor(*context.principal) : "/login";
  RenderPage(context, "error", title,
             mstch::map{{"explanation", explanation}, {"home", home}, {"code", code}}, code);
}

std::string HomeFor(const Principal& principal) {
  if (principal.IsPerson()) return "/me";
  if (!principal.role) return "/login";
  switch (*principal.role) {
    case domain::Role::kPeerSpecialist:
    case domain::Role::kPeerBridger:
    case domain::Role::kRecoveryCoach:
      return "/today";
    case domain::Role::kSeniorPeerSupervisor:
    case domain::Role::kClinicalSupervisor:
      return "/supervision";
    case domain::Role::kProgramManager:
    case domain::Role::kEvaluator:
      return "/program";
    case domain::Role::kAdministrator:
      return "/admin";
    case domain::Role::kClinician:
      return "/welcome";
  }
  return "/login";
}

void Redirect(Context& context, const std::string& location) {
  context.response.status = 303;
  context.response.set_header("Location", location);
}

std::string_view StyleSheet() { return embedded::pages_static_app_css; }

}  // namespace alongside::server::pages
