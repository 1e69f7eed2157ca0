"""The read side, one module per page (or API list): what coordinators and people see. Every view of
personal data is written to the access log in the same transaction as the read (person_records.viewed).

waiting_list, request_detail, volunteer_list, placement_list, match_list, message_list, dashboard_page,
access_log and import_page serve the workspace and the coordinator API; own_link serves the private
link; organization_pages the public pages, the admin's settings and the CLI; health the /healthz check.
"""
