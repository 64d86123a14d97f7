/* test-rows.c — rows of the canonical tables, written tersely in tests
 *
 *   test_append (b, TS_TABLE_EVENTS,
 *                TS_EVENT_CUSTOMER, "C-1", TS_EVENT_AT, t, TS_EVENT_NAME, "error", -1);
 *
 * Pairs of a field and its value, ended by -1; the value's C type follows
 * the field's type: const char * for strings and properties (NULL: none),
 * TsTime for times, double for numbers, int for booleans and consent.
 * Fields not named are null.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "test-rows.h"

guint32
test_intern (TsDatasetBuilder *b,
             const char       *str)
{
  return str ? ts_dataset_builder_intern (b, str, strlen (str)) : TS_STR_NULL;
}

void
test_append (TsDatasetBuilder *b,
             TsTable           table,
             ...)
{
  TsValue row[32];
  va_list args;
  int f;

  g_assert_cmpuint (ts_table_get_n_fields (table), <=, G_N_ELEMENTS (row));
  ts_dataset_builder_clear_row (table, row);
  va_start (args, table);
  while ((f = va_arg (args, int)) >= 0)
    {
      g_assert_cmpint (f, <, (int) ts_table_get_n_fields (table));
      switch (ts_table_get_field (table, f)->type)
        {
        case TS_FIELD_TYPE_STRING:
        case TS_FIELD_TYPE_PROPERTIES:
          row[f].str = test_intern (b, va_arg (args, const char *));
          break;
        case TS_FIELD_TYPE_TIME:
          row[f].time = va_arg (args, TsTime);
          break;
        case TS_FIELD_TYPE_NUMBER:
          row[f].number = va_arg (args, double);
          break;
        case TS_FIELD_TYPE_BOOLEAN:
        case TS_FIELD_TYPE_CONSENT:
        default:
          row[f].flag = (guint8) va_arg (args, int);
          break;
        }
    }
  va_end (args);
  ts_dataset_builder_append (b, table, row);
}

TsDataset *
test_finish (TsDatasetBuilder *b)
{
  g_autoptr(GError) error = NULL;
  TsDataset *ds = ts_dataset_builder_finish (b, NULL, &error);

  g_assert_no_error (error);
  g_assert_true (TS_IS_DATASET (ds));
  return ds;
}

/* a playbook from its JSON text, which must parse */
TsPlaybook *
test_playbook_from (const char *text,
                    GError    **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  g_assert_true (json_parser_load_from_data (parser, text, -1, NULL));
  return ts_playbook_new_from_json (json_node_get_object (json_parser_get_root (parser)), error);
}
