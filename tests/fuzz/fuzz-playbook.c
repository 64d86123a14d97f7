/* fuzz-playbook.c — the playbook loader on arbitrary JSON text
 *
 * Text is read as the playbook file is (its depth checked, then parsed);
 * an object is loaded as a playbook, and a playbook that loads has its
 * journeys linted.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <touchstone.h>

#include "fuzz-common.h"

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(TsPlaybook) playbook = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GError) error = NULL;
  JsonNode *root;

  if (!ts_json_parser_load (parser, NULL, (const char *) data, size, &error))
    {
      g_assert (error != NULL);
      return 0;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return 0;

  playbook = ts_playbook_new_from_json (json_node_get_object (root), &error);
  if (playbook == NULL)
    {
      g_assert (error != NULL && error->message != NULL && *error->message != '\0');
      return 0;
    }

  findings = ts_journeys_lint (playbook, NULL);
  return 0;
}
