/* ts-cli-playbook.c — `touchstone-cli playbook`: check a playbook and say
 * what it does
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "touchstone-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "ts-cli.h"

static void
print_text (TsPlaybook *pb,
            const char *name)
{
  ts_cli_print (_("Playbook: %s\n"), name);

  ts_cli_print (_("\nSignals (%u); the weighted ones make the score, 0–100:\n"), ts_playbook_get_n_signals (pb));
  for (guint i = 0; i < ts_playbook_get_n_signals (pb); i++)
    {
      const TsSignal *s = ts_playbook_get_signal (pb, i);
      g_autofree char *d = ts_signal_describe (s);

      ts_cli_print ("  %-16s %5.2f  %s\n", s->id, s->weight, d);
    }

  ts_cli_print (_("\nBands:"));
  for (guint i = 0; i < ts_playbook_get_n_bands (pb); i++)
    {
      const TsBand *b = ts_playbook_get_band (pb, i);
      double top = i + 1 < ts_playbook_get_n_bands (pb) ? ts_playbook_get_band (pb, i + 1)->min : 100;

      ts_cli_print ("%s %s %g–%g", i ? "," : "", b->id, b->min, top);
    }
  ts_cli_print ("\n");

  ts_cli_print (_("\nGuardrails (%u):\n"), ts_playbook_get_n_guardrails (pb));
  for (guint i = 0; i < ts_playbook_get_n_guardrails (pb); i++)
    {
      const TsGuardrail *g = ts_playbook_get_guardrail (pb, i);
      g_autofree char *d = ts_guardrail_describe (g);

      ts_cli_print ("  %-20s %s\n", g->id, d);
    }

  ts_cli_print (_("\nRoutes (%u), the first that holds decides:\n"), ts_playbook_get_n_routes (pb));
  for (guint i = 0; i < ts_playbook_get_n_routes (pb); i++)
    {
      const TsRoute *r = ts_playbook_get_route (pb, i);
      g_autofree char *when = r->when ? ts_expr_to_string (r->when) : g_strdup (_("otherwise"));
      g_autofree char *to = ts_route_describe (r);

      ts_cli_print ("  %-14s %s → %s\n", r->id, when, to);
      if (r->readiness)
        {
          g_autofree char *ready = ts_expr_to_string (r->readiness);
          ts_cli_print (_("  %-14s only when ready: %s\n"), "", ready);
        }
      if (r->promise)
        ts_cli_print (_("  %-14s promise: %s\n"), "", r->promise);
    }
}

static JsonNode *
to_json (TsPlaybook *pb,
         const char *name)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "playbook");
  json_builder_add_string_value (b, name);
  json_builder_set_member_name (b, "signals");
  json_builder_begin_array (b);
  for (guint i = 0; i < ts_playbook_get_n_signals (pb); i++)
    {
      const TsSignal *s = ts_playbook_get_signal (pb, i);
      g_autofree char *d = ts_signal_describe (s);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_string_value (b, s->id);
      json_builder_set_member_name (b, "table");
      json_builder_add_string_value (b, ts_table_get_name (s->table));
      json_builder_set_member_name (b, "measure");
      json_builder_add_string_value (b, ts_measure_to_string (s->measure));
      json_builder_set_member_name (b, "weight");
      json_builder_add_double_value (b, s->weight);
      json_builder_set_member_name (b, "description");
      json_builder_add_string_value (b, d);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "bands");
  json_builder_begin_array (b);
  for (guint i = 0; i < ts_playbook_get_n_bands (pb); i++)
    {
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_string_value (b, ts_playbook_get_band (pb, i)->id);
      json_builder_set_member_name (b, "min");
      json_builder_add_double_value (b, ts_playbook_get_band (pb, i)->min);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "guardrails");
  json_builder_begin_array (b);
  for (guint i = 0; i < ts_playbook_get_n_guardrails (pb); i++)
    {
      const TsGuardrail *g = ts_playbook_get_guardrail (pb, i);
      g_autofree char *d = ts_guardrail_describe (g);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_string_value (b, g->id);
      json_builder_set_member_name (b, "kind");
      json_builder_add_string_value (b, ts_guardrail_kind_to_string (g->kind));
      json_builder_set_member_name (b, "description");
      json_builder_add_string_value (b, d);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "routes");
  json_builder_begin_array (b);
  for (guint i = 0; i < ts_playbook_get_n_routes (pb); i++)
    {
      const TsRoute *r = ts_playbook_get_route (pb, i);
      g_autofree char *when = r->when ? ts_expr_to_string (r->when) : NULL;
      g_autofree char *ready = r->readiness ? ts_expr_to_string (r->readiness) : NULL;

      json_builder_begin_object (b);
      ts_cli_add_route_members (b, r);
      json_builder_set_member_name (b, "when");
      when ? json_builder_add_string_value (b, when) : json_builder_add_null_value (b);
      json_builder_set_member_name (b, "readiness");
      ready ? json_builder_add_string_value (b, ready) : json_builder_add_null_value (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

int
ts_cli_playbook (int    argc,
                 char **argv)
{
  gboolean json = FALSE;
  gboolean demo = FALSE;
  g_autofree char *workspace_path = NULL;
  g_auto(GStrv) paths = NULL;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON for scripts"), NULL },
    { "workspace", 'w', 0, G_OPTION_ARG_FILENAME, &workspace_path, N_("Check the playbook of a workspace"), N_("FILE.touchstone") },
    { "demo", 0, 0, G_OPTION_ARG_NONE, &demo, N_("Check the bundled demo workspace's playbook"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &paths, NULL, N_("[PLAYBOOK.json]") },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    ts_cli_option_context_new ("playbook", N_("[PLAYBOOK.json]"),
                               _("Checks a playbook — the given file, a workspace's, or the bundled default — "
                                 "and says what its signals, bands, guardrails and routes do. An error names "
                                 "the JSON path of what is wrong."),
                               entries);
  g_autoptr(GError) error = NULL;
  g_autoptr(TsPlaybook) pb = NULL;
  g_autofree char *name = NULL;
  guint n_given;

  if (!g_option_context_parse (context, &argc, &argv, &error))
    return ts_cli_usage_error (context, "%s", error->message);
  n_given = (demo ? 1 : 0) + (workspace_path ? 1 : 0) + (paths ? g_strv_length (paths) : 0);
  if (n_given > 1)
    return ts_cli_usage_error (context, _("give one playbook: a file, --workspace or --demo"));

  if (demo || workspace_path)
    {
      g_autoptr(TsWorkspace) workspace = ts_cli_load_workspace (workspace_path, &error);
      g_autofree char *file = NULL;

      if (workspace == NULL)
        return ts_cli_fail (g_steal_pointer (&error));
      file = g_file_get_parse_name (ts_workspace_get_file (workspace));
      pb = ts_playbook_new_for_workspace (workspace, &error);
      if (json_object_has_member (ts_workspace_get_playbook (workspace), "signals"))
        name = g_steal_pointer (&file);
      else
        /* Translators: %s is a workspace file */
        name = g_strdup_printf (_("%s (the default playbook)"), file);
    }
  else if (paths != NULL)
    {
      pb = ts_playbook_new_from_file (paths[0], &error);
      name = g_strdup (paths[0]);
    }
  else
    {
      g_autoptr(GFile) file = ts_workspace_dup_data_file ("playbook", "default.json");

      pb = ts_playbook_new_default (&error);
      name = g_file_get_parse_name (file);
    }
  if (pb == NULL)
    return ts_cli_fail (g_steal_pointer (&error));

  if (json)
    {
      g_autoptr(JsonNode) root = to_json (pb, name);
      ts_cli_print_json (root);
    }
  else
    print_text (pb, name);
  return 0;
}
