#include "server/pages/page_view.h"

#include <cctype>
#include <map>
#include <stdexcept>
#include <utility>
#include <vector>

#include "rules/rules.h"
#include "server/http_status.h"

namespace alongside::embedded {
extern const std::string_view pages_templates_layout_mustache;
extern const std::string_view pages_templates_login_mustache;
extern const std::string_view pages_templates_account_mustache;
extern const std::string_view pages_templates_today_mustache;
extern const std::string_view pages_templates_caseload_mustache;
extern const std::string_view pages_templates_person_mustache;
extern const std::string_view pages_templates_contact_form_mustache;
extern const std::string_view pages_templates_advice_form_mustache;
extern const std::string_view pages_templates_boundary_form_mustache;
extern const std::string_view pages_templates_me_mustache;
extern const std::string_view pages_templates_my_goals_mustache;
extern const std::string_view pages_templates_my_contacts_mustache;
extern const std::string_view pages_templates_person_plan_mustache;
extern const std::string_view pages_templates_person_plan_form_mustache;
extern const std::string_view pages_templates_person_plan_print_mustache;
extern const std::string_view pages_templates_supervision_mustache;
extern const std::string_view pages_templates_program_mustache;
extern const std::string_view pages_templates_simple_mustache;
extern const std::string_view pages_templates_plan_form_mustache;
extern const std::string_view pages_templates_settings_mustache;
extern const std::string_view pages_templates_admin_mustache;
extern const std::string_view pages_templates_error_mustache;
extern const std::string_view pages_templates_field_error_mustache;
extern const std::string_view pages_templates_safety_open_mustache;
extern const std::string_view pages_templates_safety_event_mustache;
extern const std::string_view pages_templates_safety_queue_mustache;
extern const std::string_view pages_templates_safety_when_mustache;
extern const std::string_view pages_templates_safety_crisis_lines_mustache;
extern const std::string_view pages_templates_supervisee_card_mustache;
extern const std::string_view pages_templates_governance_mustache;
extern const std::string_view pages_templates_grievances_mustache;
extern const std::string_view pages_templates_my_grievances_mustache;
extern const std::string_view pages_templates_my_metrics_mustache;
extern const std::string_view pages_static_app_css;
extern const std::string_view pages_static_app_js;
}  // namespace alongside::embedded

namespace alongside::server::pages {
namespace {

namespace embedded = alongside::embedded;

using Template = kainjow::mustache::mustache;

// The page templates by name, as embedded in the binary.
const std::map<std::string_view, std::string_view>& Templates() {
  static const auto* templates = new std::map<std::string_view, std::string_view>{
      {"layout", embedded::pages_templates_layout_mustache},
      {"login", embedded::pages_templates_login_mustache},
      {"account", embedded::pages_templates_account_mustache},
      {"today", embedded::pages_templates_today_mustache},
      {"plan_form", embedded::pages_templates_plan_form_mustache},
      {"settings", embedded::pages_templates_settings_mustache},
      {"caseload", embedded::pages_templates_caseload_mustache},
      {"person", embedded::pages_templates_person_mustache},
      {"contact_form", embedded::pages_templates_contact_form_mustache},
      {"advice_form", embedded::pages_templates_advice_form_mustache},
      {"boundary_form", embedded::pages_templates_boundary_form_mustache},
      {"me", embedded::pages_templates_me_mustache},
      {"my_goals", embedded::pages_templates_my_goals_mustache},
      {"my_contacts", embedded::pages_templates_my_contacts_mustache},
      {"person_plan", embedded::pages_templates_person_plan_mustache},
      {"person_plan_form", embedded::pages_templates_person_plan_form_mustache},
      {"person_plan_print", embedded::pages_templates_person_plan_print_mustache},
      {"supervision", embedded::pages_templates_supervision_mustache},
      {"admin", embedded::pages_templates_admin_mustache},
      {"program", embedded::pages_templates_program_mustache},
      {"simple", embedded::pages_templates_simple_mustache},
      {"error", embedded::pages_templates_error_mustache},
      {"safety_open", embedded::pages_templates_safety_open_mustache},
      {"safety_event", embedded::pages_templates_safety_event_mustache},
      {"safety_queue", embedded::pages_templates_safety_queue_mustache},
      {"governance", embedded::pages_templates_governance_mustache},
      {"grievances", embedded::pages_templates_grievances_mustache},
      {"my_grievances", embedded::pages_templates_my_grievances_mustache},
      {"my_metrics", embedded::pages_templates_my_metrics_mustache},
  };
  return *templates;
}

// Partials shared by several templates ({{>field_error}}).
const std::map<std::string_view, std::string_view>& Partials() {
  static const auto* partials = new std::map<std::string_view, std::string_view>{
      {"field_error", embedded::pages_templates_field_error_mustache},
      {"safety_when", embedded::pages_templates_safety_when_mustache},
      {"safety_crisis_lines", embedded::pages_templates_safety_crisis_lines_mustache},
      {"supervisee_card", embedded::pages_templates_supervisee_card_mustache},
  };
  return *partials;
}

// Partials within partials, as deep as this; deeper is taken for a cycle.
constexpr int kMaxPartialDepth = 4;

std::string_view TrimSpaces(std::string_view text) {
  const size_t first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  return text.substr(first, text.find_last_not_of(" \t") - first + 1);
}

// `text` with each {{>name}} tag replaced by that partial's text, less the
// file's final newline (the tag's own line ends the line). kainjow renders a
// partial in its caller's context and line, as if its text stood in place of
// the tag, but it looks the partial up in the data and parses it again at
// every tag on every render; inlining it before compiling does that once.
// (No template changes the {{ }} delimiters.)
std::string InlinePartials(std::string_view template_name, std::string_view text, int depth = 0) {
  if (depth > kMaxPartialDepth) {
    throw std::logic_error("page template " + std::string(template_name) +
                           ": partials nest deeper than " + std::to_string(kMaxPartialDepth));
  }
  std::string inlined;
  size_t done = 0;
  for (size_t open = text.find("{{>"); open != std::string_view::npos;
       open = text.find("{{>", done)) {
    const size_t close = text.find("}}", open);
    if (close == std::string_view::npos) break;  // kainjow reports the unclosed tag
    const std::string_view name = TrimSpaces(text.substr(open + 3, close - open - 3));
    auto partial = Partials().find(name);
    if (partial == Partials().end()) {
      throw std::logic_error("page template " + std::string(template_name) +
                             ": no partial named \"" + std::string(name) + "\"");
    }
    std::string_view partial_text = partial->second;
    if (partial_text.ends_with('\n')) partial_text.remove_suffix(1);
    inlined.append(text.substr(done, open - done));
    inlined += InlinePartials(template_name, partial_text, depth + 1);
    done = close + 2;
  }
  inlined.append(text.substr(done));
  return inlined;
}

std::map<std::string_view, Template> CompileTemplates() {
  std::map<std::string_view, Template> compiled;
  for (const auto& [name, text] : Templates()) {
    Template page(InlinePartials(name, text));
    if (!page.is_valid()) {
      throw std::logic_error("page template " + std::string(name) +
                             ".mustache does not parse: " + page.error_message());
    }
    compiled.emplace(name, std::move(page));
  }
  return compiled;
}

// Every template, compiled once for the process.
const std::map<std::string_view, Template>& CompiledTemplates() {
  static const auto* compiled = new std::map<std::string_view, Template>(CompileTemplates());
  return *compiled;
}

// Renders template `name` with `data`. kainjow's render() is not const (an
// error met while rendering is stored in the template, which then renders
// nothing more), so templates are not shared between threads: each thread
// copies the compiled set on its first page and renders with its own copy.
std::string Render(std::string_view name, const ViewValue& data) {
  thread_local std::map<std::string_view, Template> templates = CompiledTemplates();
  Template& page = templates.at(name);
  std::string html;
  page.render(data, [&html](const std::string& text) { html += text; });
  if (!page.is_valid()) {
    throw std::logic_error("page template " + std::string(name) +
                           ".mustache failed to render: " + page.error_message());
  }
  return html;
}

struct NavItem {
  const char* href;
  const char* label;
};

// A principal's pages, by the role groups of roles.json.
enum class Home { kWorker, kSupervisor, kPerson, kProgram, kAdmin, kWelcome, kNone };

Home HomeOf(const Principal& principal) {
  if (principal.IsPerson()) return Home::kPerson;
  if (!principal.role) return Home::kNone;
  const domain::Role role = *principal.role;
  const rules::Rules& rules = rules::Current();
  if (rules.IsPeerWorker(role)) return Home::kWorker;
  if (rules.IsSupervisor(role)) return Home::kSupervisor;
  if (role == domain::Role::kProgramManager || role == domain::Role::kEvaluator) {
    return Home::kProgram;
  }
  if (role == domain::Role::kAdministrator) return Home::kAdmin;
  return Home::kWelcome;
}

std::vector<NavItem> NavFor(const Principal& principal) {
  switch (HomeOf(principal)) {
    case Home::kPerson:
      return {{"/me", "My record"}, {"/me/goals", "My goals"}, {"/me/contacts", "Notes about me"},
              {"/me/grievances", "Raise a concern"}};
    case Home::kWorker:
      return {{"/today", "Today"}, {"/caseload", "People I walk alongside"}};
    case Home::kSupervisor:
      return {{"/supervision", "Supervision"}, {"/safety", "Safety events"}};
    case Home::kProgram:
      return {{"/program", "Program"}, {"/governance", "Governance"}};
    case Home::kAdmin:
      return {{"/admin", "Administration"}};
    case Home::kWelcome:
      return {{"/welcome", "Home"}};
    case Home::kNone:
      break;
  }
  return {};
}

// "Peer specialist": the role's label (labels.json) as the header shows it.
std::string RoleLabel(const Principal& principal) {
  if (principal.IsPerson()) return "Person served";
  if (!principal.role) return "";
  std::string label = rules::Current().Label(*principal.role);
  if (!label.empty()) {
    label[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(label[0])));
  }
  return label;
}

}  // namespace

ViewValue OptionalText(const std::string& text) {
  if (text.empty()) return false;
  return text;
}

ViewValue ErrorOf(const std::map<std::string, std::string>& errors, const std::string& name) {
  auto found = errors.find(name);
  if (found == errors.end()) return false;
  return OptionalText(found->second);
}

View FieldView(const std::map<std::string, std::string>& errors, const std::string& name,
               const std::string& value) {
  return View{{"id", name}, {"value", value}, {"error", ErrorOf(errors, name)}};
}

ViewValue ToValue(View view) {
  ViewValue value(ViewValue::type::object);
  for (auto& [key, entry] : view) value[key] = std::move(entry);
  return value;
}

void CheckPageTemplates() { CompiledTemplates(); }

void RenderPage(Context& context, std::string_view name, const std::string& title, View data,
                int status) {
  data.emplace("page_title", title);
  View layout;
  layout.emplace("title", title);
  layout.emplace("body", Render(name, ToValue(std::move(data))));
  if (context.principal) {
    layout.emplace("zone_name", usecase::ZoneOfSetting(context.principal->time_zone).name());
  }
  if (context.principal) {
    const Principal& who = *context.principal;
    ViewList nav;
    const std::string& path = context.request.path;
    for (const NavItem& item : NavFor(who)) {
      nav.push_back(View{{"href", std::string(item.href)},
                         {"label", std::string(item.label)},
                         {"current", path == item.href}});
    }
    layout.emplace("signed_in", true);
    layout.emplace("nav", std::move(nav));
    layout.emplace("display_name", who.display_name);
    layout.emplace("role_label", RoleLabel(who));
    layout.emplace("csrf_token", who.csrf_token);
  }
  context.response.status = status;
  context.response.set_content(Render("layout", ToValue(std::move(layout))),
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
             View{{"explanation", explanation}, {"home", home}, {"code", std::to_string(code)}},
             code);
}

std::string HomeFor(const Principal& principal) {
  switch (HomeOf(principal)) {
    case Home::kPerson:
      return "/me";
    case Home::kWorker:
      return "/today";
    case Home::kSupervisor:
      return "/supervision";
    case Home::kProgram:
      return "/program";
    case Home::kAdmin:
      return "/admin";
    case Home::kWelcome:
      return "/welcome";
    case Home::kNone:
      break;
  }
  return "/login";
}

void Redirect(Context& context, const std::string& location) {
  context.response.status = 303;
  context.response.set_header("Location", location);
}

std::string_view StyleSheet() { return embedded::pages_static_app_css; }
std::string_view Script() { return embedded::pages_static_app_js; }

}  // namespace alongside::server::pages
