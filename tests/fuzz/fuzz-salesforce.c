/* fuzz-salesforce.c — the Salesforce plugin's readers on arbitrary bytes
 *
 * The first byte picks JSON (REST / Bulk API) or CSV (Data Loader, Data
 * Export), and the file's name, which names the object; the rest is the
 * file, read into the plugin's store as an import does.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <touchstone.h>

#include "tsp-sf-readers.h"

#include "fuzz-common.h"

static const char *const csv_names[] = {
  "Contact.csv", "Account.csv", "Case.csv", "Task.csv",
  "SurveyQuestionResponse.csv", "CaseHistory.csv", "Opportunity.csv", "export.csv",
};

static const char *const json_names[] = {
  "query.json", "Contact.json", "Case.json", "CampaignMember.json",
};

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  const char *const extra[] = { "Region__c", NULL };
  const char *const mapped[] = { "Region__c", "Plan__c", NULL };
  g_autoptr(TsMapping) mapping = ts_mapping_new ();
  g_autoptr(GHashTable) unused = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GError) error = NULL;
  SfReadContext ctx = { 0, };
  SfReadResult result;

  if (size < 1)
    return 0;

  ctx.store = sf_store_new (extra);
  ctx.mapping = mapping;
  ctx.mapped_columns = mapped;
  ctx.unused = unused;

  if (data[0] & 1)
    result = sf_read_json (&ctx, (const char *) data + 1, size - 1,
                           json_names[(data[0] >> 1) % G_N_ELEMENTS (json_names)], &error);
  else
    {
      g_autoptr(GBytes) bytes = g_bytes_new (data + 1, size - 1);
      const char *name = csv_names[(data[0] >> 1) % G_N_ELEMENTS (csv_names)];
      g_autoptr(TsCsvReader) reader = ts_csv_reader_new_for_bytes (name, bytes, NULL, &error);

      result = reader != NULL ? sf_read_csv (&ctx, reader, name, &error) : SF_READ_FAILED;
    }

  g_assert ((result == SF_READ_FAILED) == (error != NULL));
  if (error != NULL)
    g_assert (error->message != NULL && *error->message != '\0');

  sf_store_free (ctx.store);
  return 0;
}
