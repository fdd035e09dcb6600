# The server-rendered HTML pages: handlers (one file per capability, listed
# in order by page_routes.cc), form helpers, mustache templates and the
# stylesheet, all compiled into alongside_server (see docs/pages.md). The
# handlers call the use cases (usecase/) and read the program's rules and
# labels (rules/).
target_sources(alongside_server PRIVATE
  pages/page_routes.cc
  pages/sign_in_pages.cc
  pages/today_pages.cc
  pages/settings_pages.cc
  pages/worker_pages.cc
  pages/contact_pages.cc
  pages/guardrail_pages.cc
  pages/safety_pages.cc
  pages/governance_pages.cc
  pages/own_record_pages.cc
  pages/plan_pages.cc
  pages/supervision_pages.cc
  pages/program_pages.cc
  pages/record_views.cc
  pages/page_view.cc
  pages/contact_form.cc
  pages/form.cc)
target_link_libraries(alongside_server PRIVATE kainjow_mustache alongside_usecase alongside_rules)
target_compile_definitions(alongside_server PRIVATE ALONGSIDE_HAS_PAGES)
alongside_embed_files(TARGET alongside_server FILES
  pages/templates/layout.mustache
  pages/templates/login.mustache
  pages/templates/account.mustache
  pages/templates/today.mustache
  pages/templates/plan_form.mustache
  pages/templates/settings.mustache
  pages/templates/caseload.mustache
  pages/templates/person.mustache
  pages/templates/contact_form.mustache
  pages/templates/advice_form.mustache
  pages/templates/boundary_form.mustache
  pages/templates/me.mustache
  pages/templates/my_goals.mustache
  pages/templates/my_contacts.mustache
  pages/templates/person_plan.mustache
  pages/templates/person_plan_form.mustache
  pages/templates/person_plan_print.mustache
  pages/templates/supervision.mustache
  pages/templates/program.mustache
  pages/templates/simple.mustache
  pages/templates/admin.mustache
  pages/templates/error.mustache
  pages/templates/field_error.mustache
  pages/templates/safety_open.mustache
  pages/templates/safety_event.mustache
  pages/templates/safety_queue.mustache
  pages/templates/safety_when.mustache
  pages/templates/supervisee_card.mustache
  pages/templates/safety_crisis_lines.mustache
  pages/static/app.css
  pages/static/app.js)
# The governance pages (docs/governance.md).
alongside_embed_files(TARGET alongside_server FILES
  pages/templates/governance.mustache
  pages/templates/grievances.mustache
  pages/templates/my_grievances.mustache
  pages/templates/my_metrics.mustache)
