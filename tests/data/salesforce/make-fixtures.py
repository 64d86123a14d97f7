#!/usr/bin/env python3
# make-fixtures.py — writes the Salesforce test fixtures in this folder
#
# The files follow the formats in shared/FORMATS.md §2: a weekly Data Export
# (one CSV per object, all values quoted, API names, 18-character Ids, the
# empty lookup 000000000000000AAA), zipped as WE_<OrgId>_1.ZIP; Data Loader
# extracts (ALL CAPS headers, 15-character Ids, +0000 offsets); a report
# export with its footer; REST query JSON.  Ids are written here in their
# 15-character form and get their checksum suffix below, as Salesforce does.
#
# Run it from anywhere: python3 tests/data/salesforce/make-fixtures.py
#
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
SUFFIX = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345"


def to18(id15):
    assert len(id15) == 15, id15
    out = id15
    for chunk in range(3):
        bits = 0
        for i in range(5):
            if id15[chunk * 5 + i].isupper():
                bits |= 1 << i
        out += SUFFIX[bits]
    return out


IDS15 = {
    "ORG": "00D5g00000Touch",
    "A1": "0015g00000Acme1", "A2": "0015g00000Globx", "A3": "0015g00000Initc",
    "C1": "0035g00000AnaSz", "C2": "0035g00000BobLe", "C3": "0035g00000Carla", "C5": "0035g00000BobOl",
    "K1": "5005g00000Case1", "K2": "5005g00000Case2", "K3": "5005g00000Case3", "K4": "5005g00000Case4",
    "K6": "5005g00000Case6", "K7": "5005g00000Case7", "K8": "5005g00000Case8", "K9": "5005g00000Case9",
    "KX": "5005g00000Gone1",
    "CC1": "00a5g00000Cmt01", "CC2": "00a5g00000Cmt02", "CC3": "00a5g00000Cmt03", "CC4": "00a5g00000Cmt04",
    "EM1": "02s5g00000Eml01", "EM2": "02s5g00000Eml02", "EM3": "02s5g00000Eml03", "EM4": "02s5g00000Eml04",
    "H1": "0175g00000His01", "H2": "0175g00000His02", "H3": "0175g00000His03", "H4": "0175g00000His04",
    "H5": "0175g00000His05",
    "T1": "00T5g00000Tsk01", "T2": "00T5g00000Tsk02", "T3": "00T5g00000Tsk03", "T4": "00T5g00000Tsk04",
    "T5": "00T5g00000Tsk05",
    "EV1": "00U5g00000Evt01",
    "CMP1": "7015g00000Sprng", "M1": "00v5g00000Mem01",
    "O1": "0065g00000Opp01", "O2": "0065g00000Opp02", "O3": "0065g00000Opp03", "O4": "0065g00000Opp04",
    "CT1": "8005g00000Ctr01",
    "I1": "0Ki5g00000Inv01", "R1": "0Kd5g00000Rsp01", "R2": "0Kd5g00000Rsp02",
    "Q1": "0Kc5g00000Qst01", "Q2": "0Kc5g00000Qst02",
    "AN1": "0Kb5g00000Ans01", "AN2": "0Kb5g00000Ans02", "AN3": "0Kb5g00000Ans03",
    "N1": "a015g00000Nps01", "N2": "a015g00000Nps02",
    "U1": "0055g00000Usr01", "SV1": "0Kp5g00000Srv01",
}
ID = {k: to18(v) for k, v in IDS15.items()}
NULL_LOOKUP = "000000000000000AAA"


def q(v):
    return '"' + str(v).replace('"', '""') + '"'


def csv(header, rows, eol="\n", bom=False):
    lines = [",".join(q(h) for h in header)]
    for r in rows:
        assert len(r) == len(header), (header, r)
        lines.append(",".join(q(v) for v in r))
    text = eol.join(lines) + eol
    return (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8")


def export_files():
    f = {}
    f["Account.csv"] = csv(
        ["Id", "IsDeleted", "MasterRecordId", "Name", "Type", "ParentId", "Industry", "AnnualRevenue",
         "CreatedDate", "SystemModstamp"],
        [[ID["A1"], "false", NULL_LOOKUP, "Acme Corp", "Customer - Direct", NULL_LOOKUP, "Manufacturing",
          "5000000", "2021-03-01T08:00:00.000Z", "2023-01-01T00:00:00.000Z"],
         [ID["A2"], "false", NULL_LOOKUP, "Globex", "Prospect", NULL_LOOKUP, "Energy;Utilities", "",
          "2021-04-01T08:00:00.000Z", "2023-01-01T00:00:00.000Z"],
         [ID["A3"], "false", NULL_LOOKUP, "Initech", "Customer - Channel", NULL_LOOKUP, "Technology", "",
          "2021-05-01T08:00:00.000Z", "2023-01-01T00:00:00.000Z"]])
    # byte order mark and CRLF, as Excel-touched exports have; a multi-line
    # description with CRLF inside the quotes
    f["Contact.csv"] = csv(
        ["Id", "IsDeleted", "MasterRecordId", "AccountId", "LastName", "FirstName", "Email",
         "HasOptedOutOfEmail", "DoNotCall", "External_Id__c", "CreatedDate", "Description"],
        [[ID["C1"], "false", NULL_LOOKUP, ID["A1"], "Souza", "Ana", "ana@example.com", "false", "true",
          "EXT-001", "2022-05-01T09:00:00.000Z", 'Met at "Expo"\r\nprefers e-mail'],
         [ID["C2"], "false", NULL_LOOKUP, ID["A1"], "Lee", "Bob", "Bob@Example.org", "true", "false",
          "EXT-002", "2022-06-01T09:00:00.000Z", ""],
         [ID["C3"], "0", NULL_LOOKUP, ID["A2"], "Diaz", "Carla", "", "0", "0", "",
          "2022-07-01T09:00:00.000Z", ""],
         # the same Id again: a duplicate, the first is kept
         [ID["C1"], "false", NULL_LOOKUP, ID["A1"], "Souza", "Ana", "ana.dup@example.com", "false", "false",
          "EXT-001", "2022-05-01T09:00:00.000Z", ""],
         # merged into Bob: deleted, with MasterRecordId
         [ID["C5"], "true", ID["C2"], ID["A1"], "Lee", "Robert", "bob.old@example.org", "false", "false",
          "EXT-OLD", "2022-01-01T09:00:00.000Z", ""]],
        eol="\r\n", bom=True)
    f["Case.csv"] = csv(
        ["Id", "IsDeleted", "CaseNumber", "ContactId", "AccountId", "SuppliedEmail", "Type", "Status",
         "Reason", "Origin", "Subject", "Priority", "Description", "IsClosed", "ClosedDate", "IsEscalated",
         "OwnerId", "CreatedDate"],
        [[ID["K1"], "false", "00001026", ID["C1"], ID["A1"], "", "Electrical", "Closed", "Breakdown", "Phone",
          "Generator won't start", "High", 'Customer reports "E12" error.\nReplaced fuse.', "true",
          "2023-01-16T09:02:11.000Z", "false", ID["U1"], "2023-01-15T10:22:31.000Z"],
         [ID["K2"], "false", "00001027", ID["C5"], ID["A1"], "", "Other", "Working", "", "Email",
          "Invoice question", "Medium", "", "false", "", "true", ID["U1"], "2023-02-01T08:00:00.000Z"],
         [ID["K3"], "false", "00001028", NULL_LOOKUP, NULL_LOOKUP, "ANA@example.com", "Mechanical", "Working",
          "", "Web", "Noise", "Low", "", "false", "", "false", ID["U1"], "2023-03-01T12:00:00.000Z"],
         [ID["K4"], "false", "00001029", "", ID["A3"], "", "", "New", "", "Phone", "Quote", "Low", "",
          "false", "", "false", ID["U1"], "2023-04-01T00:00:00.000Z"],
         [ID["K1"], "false", "00001026", ID["C1"], ID["A1"], "", "Electrical", "Closed", "Breakdown", "Phone",
          "Generator won't start", "High", "", "true", "2023-01-16T09:02:11.000Z", "false", ID["U1"],
          "2023-01-15T10:22:31.000Z"],
         [ID["K6"], "false", "00001031", "", "", "", "", "New", "", "Web", "Spam", "Low", "", "false", "",
          "false", ID["U1"], "2023-04-02T00:00:00.000Z"],
         [ID["K7"], "false", "00001032", ID["C1"], ID["A1"], "", "", "New", "", "Web", "Bad date", "Low", "",
          "false", "", "false", ID["U1"], "yesterday"]])
    f["CaseComment.csv"] = csv(
        ["Id", "ParentId", "IsPublished", "CommentBody", "CreatedById", "CreatedDate", "SystemModstamp",
         "IsDeleted"],
        [[ID["CC1"], ID["K1"], "false", "Internal: checking the logs", ID["U1"], "2023-01-15T10:30:00.000Z",
          "2023-01-15T10:30:00.000Z", "false"],
         [ID["CC2"], ID["K1"], "true", "We are on it", ID["U1"], "2023-01-15T11:00:00.000Z",
          "2023-01-15T11:00:00.000Z", "false"],
         [ID["CC3"], ID["K1"], "true", "Follow-up", ID["U1"], "2023-01-15T12:00:00.000Z",
          "2023-01-15T12:00:00.000Z", "false"],
         [ID["CC4"], ID["KX"], "true", "On a case not in this export", ID["U1"], "2023-01-17T12:00:00.000Z",
          "2023-01-17T12:00:00.000Z", "false"]])
    f["EmailMessage.csv"] = csv(
        ["Id", "ParentId", "ActivityId", "CreatedDate", "MessageDate", "Incoming", "FromAddress", "ToAddress",
         "Subject", "Status", "RelatedToId", "IsDeleted"],
        [[ID["EM1"], ID["K2"], "", "2023-02-01T08:30:00.000Z", "2023-02-01T08:30:00.000Z", "true",
          "bob@example.org", "support@acme.test", "More details", "0", "", "false"],
         [ID["EM2"], ID["K2"], "", "2023-02-01T09:15:00.000Z", "2023-02-01T09:15:00.000Z", "false",
          "support@acme.test", "bob@example.org", "Re: Invoice question", "3", "", "false"],
         [ID["EM3"], "", "", "2023-02-20T14:00:05.000Z", "2023-02-20T14:00:00.000+0000", "false",
          "sales@acme.test", "Ana@Example.com", "Our new plans", "3", "", "false"],
         [ID["EM4"], "", ID["T2"], "2023-02-02T10:00:00.000Z", "2023-02-02T10:00:00.000Z", "false",
          "sales@acme.test", "bob@example.org", "Pricing", "3", "", "false"]])
    f["CaseHistory.csv"] = csv(
        ["Id", "IsDeleted", "CaseId", "CreatedById", "CreatedDate", "Field", "DataType", "OldValue",
         "NewValue"],
        [[ID["H1"], "false", ID["K3"], ID["U1"], "2023-03-01T12:00:00.000Z", "created", "Text", "", ""],
         [ID["H2"], "false", ID["K3"], ID["U1"], "2023-03-01T12:45:00.000Z", "Status", "DynamicEnum", "New",
          "Working"],
         [ID["H3"], "false", ID["K3"], ID["U1"], "2023-03-02T10:00:00.000Z", "Status", "DynamicEnum",
          "Working", "Closed"],
         [ID["H4"], "false", ID["K3"], ID["U1"], "2023-03-05T10:00:00.000Z", "Status", "DynamicEnum", "Closed",
          "Working"],
         [ID["H5"], "false", ID["K4"], ID["U1"], "2023-04-01T00:00:00.000Z", "ownerAssignment", "EntityId",
          "", ""]])
    f["Task.csv"] = csv(
        ["Id", "WhoId", "WhatId", "AccountId", "Subject", "ActivityDate", "Status", "Priority", "Type",
         "TaskSubtype", "CompletedDateTime", "CallType", "IsDeleted", "CreatedDate"],
        [[ID["T1"], ID["C1"], "", ID["A1"], "Ana", "2023-01-20", "Completed", "Normal", "", "Call", "",
          "", "false", "2023-01-19T23:30:00.000Z"],
         [ID["T2"], ID["C2"], "", ID["A1"], "Email: pricing", "2023-02-02", "Completed", "Normal", "Email",
          "Email", "2023-02-02T10:00:00.000+0000", "", "false", "2023-02-02T09:59:00.000Z"],
         [ID["T3"], ID["C1"], ID["K1"], ID["A1"], "On-site visit", "2023-01-16", "Completed", "High",
          "Meeting", "Task", "", "", "false", "2023-01-15T13:00:00.000Z"],
         [ID["T4"], ID["C1"], ID["CMP1"], "", "Spring newsletter", "2023-03-15", "Completed", "Normal", "",
          "ListEmail", "", "", "false", "2023-03-15T07:00:00.000Z"],
         [ID["T5"], "", "", "", "Orphan", "2023-03-20", "Not Started", "Normal", "Other", "Task", "", "",
          "false", "2023-03-19T07:00:00.000Z"]])
    f["Event.csv"] = csv(
        ["Id", "WhoId", "WhatId", "AccountId", "Subject", "ActivityDate", "ActivityDateTime",
         "StartDateTime", "EndDateTime", "IsAllDayEvent", "Type", "EventSubtype", "CreatedDate", "IsDeleted"],
        [[ID["EV1"], ID["C2"], ID["A1"], ID["A1"], "QBR", "2023-02-10", "2023-02-10T15:00:00.000Z",
          "2023-02-10T15:00:00.000Z", "2023-02-10T16:00:00.000Z", "false", "Meeting", "Event",
          "2023-02-01T08:00:00.000Z", "false"]])
    f["Campaign.csv"] = csv(
        ["Id", "Name", "Type", "Status", "StartDate", "IsActive", "CreatedDate", "IsDeleted"],
        [[ID["CMP1"], "Spring Launch", "Email", "Completed", "2023-03-01", "false", "2023-02-20T08:00:00.000Z",
          "false"]])
    f["CampaignMember.csv"] = csv(
        ["Id", "CampaignId", "LeadId", "ContactId", "Status", "HasResponded", "CreatedDate",
         "FirstRespondedDate", "IsDeleted"],
        [[ID["M1"], ID["CMP1"], "", ID["C2"], "Sent", "false", "2023-03-10T09:00:00.000Z", "", "false"]])
    f["Opportunity.csv"] = csv(
        ["Id", "IsDeleted", "AccountId", "Name", "StageName", "Amount", "Probability", "CloseDate", "Type",
         "IsClosed", "IsWon", "LastModifiedDate", "CreatedDate"],
        [[ID["O1"], "false", ID["A1"], "Acme Renewal 2024", "Closed Won", "12000.0", "100", "2024-01-31",
          "Renewal", "true", "true", "2024-01-31T18:00:00.000Z", "2023-11-01T08:00:00.000Z"],
         [ID["O2"], "false", ID["A1"], "Acme Expansion", "Closed Won", "3000", "100", "2023-06-30",
          "Existing Customer - Upgrade", "true", "true", "2023-06-30T18:00:00.000Z",
          "2023-05-01T08:00:00.000Z"],
         [ID["O3"], "false", ID["A2"], "Globex New", "Proposal/Price Quote", "8000", "75", "2023-09-30",
          "New Customer", "false", "false", "2023-04-01T12:00:00.000Z", "2023-03-01T08:00:00.000Z"],
         [ID["O4"], "false", ID["A2"], "Globex Pilot", "Closed Lost", "500", "0", "2023-05-15",
          "New Customer", "true", "false", "2023-05-16T08:00:00.000Z", "2023-04-01T08:00:00.000Z"]])
    f["Contract.csv"] = csv(
        ["Id", "AccountId", "Status", "StartDate", "EndDate", "ContractTerm", "IsDeleted", "CreatedDate"],
        [[ID["CT1"], ID["A3"], "Activated", "2023-07-01", "2024-06-30", "12", "false",
          "2023-06-15T08:00:00.000Z"]])
    f["SurveyQuestion.csv"] = csv(
        ["Id", "Name", "QuestionType", "DeveloperName", "SurveyVersionId", "CreatedDate", "IsDeleted"],
        [[ID["Q1"], "How likely are you to recommend us?", "Nps", "nps_q", ID["SV1"],
          "2023-04-01T08:00:00.000Z", "false"],
         [ID["Q2"], "Why?", "FreeText", "why", ID["SV1"], "2023-04-01T08:00:00.000Z", "false"]])
    f["SurveyInvitation.csv"] = csv(
        ["Id", "Name", "SurveyId", "ParticipantId", "ContactId", "InvitationLink", "ResponseStatus",
         "CreatedDate", "IsDeleted"],
        [[ID["I1"], "Invitation Bob", ID["SV1"], ID["C2"], ID["C2"], "https://example.test/s/1", "Completed",
          "2023-05-01T08:00:00.000Z", "false"]])
    f["SurveyResponse.csv"] = csv(
        ["Id", "Name", "SurveyId", "SurveyVersionId", "InvitationId", "SubmitterId", "Status",
         "CompletionDateTime", "CreatedDate", "IsDeleted"],
        [[ID["R1"], "R-1", ID["SV1"], ID["SV1"], "", ID["C1"], "Completed", "2023-05-01T10:00:00.000Z",
          "2023-05-01T09:58:00.000Z", "false"],
         [ID["R2"], "R-2", ID["SV1"], ID["SV1"], ID["I1"], ID["U1"], "Completed", "2023-05-02T11:00:00.000Z",
          "2023-05-02T10:58:00.000Z", "false"]])
    f["SurveyQuestionResponse.csv"] = csv(
        ["Id", "ResponseId", "QuestionId", "InvitationId", "Datatype", "NumberValue", "ResponseValue",
         "ResponseShortText", "ChoiceValue", "CreatedDate", "IsDeleted"],
        [[ID["AN1"], ID["R1"], ID["Q1"], "", "Number", "9", "9", "", "", "2023-05-01T10:00:00.000Z", "false"],
         [ID["AN2"], ID["R1"], ID["Q2"], "", "String", "", "Great support", "Great support", "",
          "2023-05-01T10:00:00.000Z", "false"],
         [ID["AN3"], ID["R2"], ID["Q1"], ID["I1"], "Number", "4", "4", "", "", "2023-05-02T11:00:00.000Z",
          "false"]])
    # objects with no table: not read
    f["User.csv"] = csv(["Id", "Username", "Email", "IsActive", "CreatedDate"],
                        [[ID["U1"], "agent@acme.test", "agent@acme.test", "true", "2020-01-01T00:00:00.000Z"]])
    # a custom object, read only when the mapping names its columns; the
    # first contact is referred to by its 15-character Id
    f["Nps_Survey__c.csv"] = csv(
        ["Id", "Contact__c", "Score__c", "Submitted__c", "Comment__c", "CreatedDate", "IsDeleted"],
        [[ID["N1"], IDS15["C1"], "10", "2023-06-01T08:00:00.000Z", "Love it", "2023-06-01T08:00:00.000Z",
          "false"],
         [ID["N2"], ID["C3"], "6", "2023-06-02T08:00:00.000Z", "", "2023-06-02T08:00:00.000Z", "false"]])
    f["Attachments/" + to18("00P5g00000Att01")] = b"%PDF-1.4 not really a PDF\n"
    return f


def write(path, data):
    full = os.path.join(HERE, path)
    os.makedirs(os.path.dirname(full), exist_ok=True)
    with open(full, "wb") as out:
        out.write(data)


def write_zip(path, entries):
    full = os.path.join(HERE, path)
    with zipfile.ZipFile(full, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=(2023, 6, 4, 2, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)


def main():
    files = export_files()
    for name, data in files.items():
        write(os.path.join("export", name), data)
    write_zip("WE_%s_1.ZIP" % ID["ORG"], sorted(files.items()))

    # the same export in two parts, as large exports come: contacts in one,
    # their cases and comments in the other; read as one source from the folder
    part1 = [(n, files[n]) for n in ("Account.csv", "Contact.csv")]
    part2 = [(n, files[n]) for n in ("Case.csv", "CaseComment.csv")]
    os.makedirs(os.path.join(HERE, "parts"), exist_ok=True)
    write_zip("parts/WE_%s_1.ZIP" % ID["ORG"], part1)
    write_zip("parts/WE_%s_2.ZIP" % ID["ORG"], part2)

    # a zip whose entry climbs out of the archive
    write_zip("evil.zip", [("Contact.csv", files["Contact.csv"]),
                           ("../evil.csv", b'"Id","Email"\n"x","x@example.com"\n')])
    # a zip with one good and one broken entry (unterminated quote, line 3)
    broken = ('"Id","ContactId","CreatedDate","Status"\n'
              '"%s","%s","2023-01-15T10:22:31.000Z","Closed"\n'
              '"%s","%s","2023-02-01T08:00:00.000Z","Open\n') % (ID["K1"], ID["C1"], ID["K2"], ID["C1"])
    write_zip("broken-entry.zip", [("Account.csv", files["Account.csv"]), ("Case.csv", broken.encode())])

    # Data Loader extracts: ALL CAPS headers, 15-character Ids, +0000
    write("dataloader/contacts-extract.csv", csv(
        ["ID", "ISDELETED", "ACCOUNTID", "FIRSTNAME", "LASTNAME", "EMAIL", "CREATEDDATE"],
        [["003D000000QrStU", "false", "001D000000IqhSL", "Dana", "Scully", "dana@example.com",
          "2023-01-15T10:22:31.000+0000"],
         ["003D000000QrStV", "FALSE", NULL_LOOKUP, "Fox", "Mulder", "fox@example.com",
          "2023-01-16T10:22:31.000Z"]]))
    write("dataloader/extract.csv", csv(
        ["ID", "CONTACTID", "ACCOUNTID", "STATUS", "PRIORITY", "ORIGIN", "ISCLOSED", "CLOSEDDATE",
         "CREATEDDATE", "ISESCALATED"],
        [[ID["K8"], IDS15["C1"], ID["A1"], "Closed", "High", "Web", "1", "2023-08-02T10:00:00.000+0000",
          "2023-08-01T10:00:00.000+0000", "0"],
         [ID["K9"], "003D000000QrStU", "", "New", "Low", "Phone", "0", "", "2023-08-03T10:00:00.000Z", "1"]]))

    # a report-style extract with its footer after the data
    body = csv(["Id", "AccountId", "Name", "StageName", "Amount", "CloseDate", "IsClosed", "IsWon"],
               [["0065g00000Rep01", "0015g00000Acme1", "Acme Add-on", "Closed Won", "100.0", "2023-07-01",
                 "true", "true"]])
    footer = ('\n"Opportunities Report"\n'
              '"Copyright (c) 2000-2023 salesforce.com, inc. All rights reserved."\n'
              '"Confidential Information - Do Not Distribute"\n'
              '"Generated By:  Ana Souza  7/2/2023 10:22 AM"\n'
              '"Acme Corp"\n')
    write("report/Opportunity.csv", body + footer.encode())

    # REST query results: a contact with its account as a nested lookup, and
    # a case with its comments as a child subquery
    rest = """{
  "totalSize": 2,
  "done": true,
  "records": [
    {
      "attributes": {"type": "Contact", "url": "/services/data/v58.0/sobjects/Contact/%(Z)s"},
      "Id": "%(Z)s",
      "FirstName": "Zo\\u00eb",
      "LastName": "M\\u00fcller",
      "Email": "zoe@example.com",
      "AccountId": "%(A1)s",
      "Account": {"attributes": {"type": "Account", "url": "/services/data/v58.0/sobjects/Account/%(A1)s"},
                  "Name": "Acme Corp"},
      "HasOptedOutOfEmail": false,
      "IsDeleted": false,
      "CreatedDate": "2012-07-12T17:49:01.000+0000"
    },
    {
      "attributes": {"type": "Case", "url": "/services/data/v58.0/sobjects/Case/%(KR)s"},
      "ContactId": "%(Z)s",
      "Status": "Closed",
      "Priority": "High",
      "Origin": "Web",
      "Reason": "Feedback;Other",
      "IsClosed": true,
      "IsEscalated": true,
      "ClosedDate": "2012-07-14T09:00:00.000+0000",
      "CreatedDate": "2012-07-13T08:00:00.000+0000",
      "CaseComments": {
        "totalSize": 1,
        "done": true,
        "records": [
          {"attributes": {"type": "CaseComment", "url": "/services/data/v58.0/sobjects/CaseComment/%(CR)s"},
           "Id": "%(CR)s", "IsPublished": true, "CreatedDate": "2012-07-13T08:30:00.000+0000"}
        ]
      }
    }
  ]
}
""" % {"Z": to18("0035g00000ZoeMu"), "A1": ID["A1"], "KR": to18("5005g00000CaseR"),
       "CR": to18("00a5g00000CmtR1")}
    write("rest/query.json", rest.encode())
    write("rest/bad.json", b'{\n  "records": [\n    {"attributes": {"type": "Contact"}, "Id": }\n  ]\n}\n')


if __name__ == "__main__":
    main()
