-- The two roles the migrations and the API need, for a server where the tables' owner may not
-- create roles (no CREATEROLE). A DBA runs it once per server, before the first `npm run migrate`:
--
--   psql "postgres://dba:…@db.example:5432/reporting" -v app_password=… -f migrations/setup-roles.sql
--
-- reporting_runtime holds the only privileges the API has (the migrations grant them); the API logs
-- in as reporting_app, a plain member of it, so Row Level Security binds every query it sends.
-- Running it again changes nothing but the password.
\set ON_ERROR_STOP on

SELECT 'CREATE ROLE reporting_runtime NOLOGIN NOSUPERUSER NOBYPASSRLS'
 WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'reporting_runtime') \gexec

SELECT format('CREATE ROLE reporting_app LOGIN PASSWORD %L NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE IN ROLE reporting_runtime', :'app_password')
 WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'reporting_app') \gexec

SELECT format('ALTER ROLE reporting_app WITH LOGIN PASSWORD %L', :'app_password') \gexec
GRANT reporting_runtime TO reporting_app;
