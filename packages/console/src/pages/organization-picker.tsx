import { useEffect, useState, type FormEvent } from "react";
import { api, unwrap } from "../api/client.js";
import { usePagedList } from "../components/paged-list.js";
import { useSortedOptions } from "../components/sorted-options.js";
import { ErrorMessage, Field, Pager } from "../components/ui.js";
import { useI18n } from "../i18n.js";

/** Picks (or creates) an organization and one of its projects. */
export function OrganizationPicker({ onProject }: { onProject(projectId: string | undefined): void }) {
  const { t } = useI18n();
  const [organizationId, setOrganizationId] = useState("");
  const [projectId, setProjectId] = useState("");
  const organizations = usePagedList(async (after) => unwrap(await api.GET("/admin/organizations", { params: { query: { limit: 50, after } } })), []);
  const projects = usePagedList(
    async (after) => (organizationId ? unwrap(await api.GET("/admin/organizations/{organizationId}/projects", { params: { path: { organizationId }, query: { limit: 50, after } } })) : { data: [], has_more: false, last_id: null }),
    [organizationId],
  );
  const organizationOptions = useSortedOptions(organizations.items, (organization) => organization.name);
  const projectOptions = useSortedOptions(projects.items, (project) => project.name);
  useEffect(() => onProject(projectId || undefined), [projectId, onProject]);
  return (
    <div className="picker">
      <div>
        <Field label={t("keys.organization")}>
          <select name="organization" value={organizationId} onChange={(event) => (setOrganizationId(event.target.value), setProjectId(""))}>
            <option value="">—</option>
            {organizationOptions.map((organization) => (
              <option key={organization.id} value={organization.id}>
                {organization.name}
              </option>
            ))}
          </select>
        </Field>
        <Pager list={organizations} sizes={false} />
        <NameForm
          label={t("keys.newOrganization")}
          action={t("keys.createOrganization")}
          name="organization-name"
          create={async (name) => {
            const created = unwrap(await api.POST("/admin/organizations", { body: { name } }));
            organizations.reload();
            setOrganizationId(created.id);
            setProjectId("");
          }}
        />
      </div>
      {organizationId ? (
        <div>
          <Field label={t("keys.project")}>
            <select name="project" value={projectId} onChange={(event) => setProjectId(event.target.value)}>
              <option value="">—</option>
              {projectOptions.map((project) => (
                <option key={project.id} value={project.id}>
                  {project.name}
                </option>
              ))}
            </select>
          </Field>
          <Pager list={projects} sizes={false} />
          <NameForm
            label={t("keys.newProject")}
            action={t("keys.createProject")}
            name="project-name"
            create={async (name) => {
              const created = unwrap(await api.POST("/admin/organizations/{organizationId}/projects", { params: { path: { organizationId } }, body: { name } }));
              projects.reload();
              setProjectId(created.id);
            }}
          />
        </div>
      ) : null}
    </div>
  );
}

/** `action` names the button for assistive technology ("Create" alone is said twice on the page). */
function NameForm({ label, action, name, create }: { label: string; action: string; name: string; create(value: string): Promise<void> }) {
  const { t } = useI18n();
  const [value, setValue] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    create(value).then(
      () => setValue(""),
      (failure: unknown) => setError(failure),
    ).finally(() => setBusy(false));
  };
  return (
    <form className="inline-form" onSubmit={submit}>
      <Field label={label}>
        <input name={name} value={value} required onChange={(event) => setValue(event.target.value)} />
      </Field>
      <button type="submit" disabled={busy} aria-label={action}>
        {busy ? t("common.working") : t("common.create")}
      </button>
      <ErrorMessage error={error} />
    </form>
  );
}
