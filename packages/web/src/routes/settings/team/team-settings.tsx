import { useCallback, useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useSession } from '../../../auth/account-context';
import type { MemberRole } from '../../../auth/auth-client';
import { accountErrorMessage } from '../../../auth/auth-messages';
import { useCaller } from '../../../auth/caller-context';
import { ConfirmButton } from '../../../components/confirm/confirm-button';
import { CopyField } from '../../../components/forms/copy-field';
import { FormError, TextField } from '../../../components/forms/text-field';
import { formatWhen } from '../../../format/when';
import { cancelInvitation, fetchTeam, invitationLink, inviteMember, removeMember, updateMemberRole, type PendingInvitation, type TeamMember } from './team-api';

const ROLE_LABELS: Record<MemberRole, string> = { owner: 'Owner', admin: 'Admin', viewer: 'Viewer' };
const ROLE_HINTS: Record<MemberRole, string> = {
  owner: 'everything, including owners and deleting the shop',
  admin: 'everything but owners and deleting the shop',
  viewer: 'the dashboard and its exports only',
};

type Team = { members: TeamMember[]; invitations: PendingInvitation[] };

/** Settings → Team: the shop's members and their roles, invitations by email (with a link to copy). */
export function TeamSettings() {
  const { session } = useSession();
  const { role: callerRole } = useCaller();
  const isOwner = callerRole === 'OWNER';
  const [team, setTeam] = useState<Team | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [invited, setInvited] = useState<PendingInvitation | null>(null);

  const load = useCallback(async () => {
    try {
      setTeam(await fetchTeam());
      setLoadError(null);
    } catch (error) {
      setLoadError(accountErrorMessage(error));
    }
  }, []);
  useEffect(() => void load(), [load]);

  /** Runs a change, then lists the team again; a refusal is said above the list. */
  const change = async (what: string, action: () => Promise<unknown>) => {
    setProblem(null);
    try {
      await action();
    } catch (error) {
      setProblem(`${what} did not work. ${accountErrorMessage(error)}`);
    }
    await load();
  };

  // Only an owner may give or take the owner role.
  const assignable: MemberRole[] = isOwner ? ['owner', 'admin', 'viewer'] : ['admin', 'viewer'];
  return (
    <>
      <header className="page-header">
        <h1>Team</h1>
      </header>
      <section className="card card--full settings-card" aria-labelledby="team-invite">
        <h2 id="team-invite" className="card__title">
          Invite someone
        </h2>
        <InviteForm
          roles={assignable}
          onInvited={(invitation) => {
            setInvited(invitation);
            void load();
          }}
        />
        {invited && (
          <div className="secret-once" data-testid="invitation-created">
            <p>
              {invited.email} is invited as {ROLE_LABELS[invited.role].toLowerCase()}. Send them this link (it works for 7 days); an email is sent too
              when this server sends mail.
            </p>
            <CopyField label="Invitation link" value={invitationLink(invited.id)} testId="invitation-link" />
          </div>
        )}
      </section>

      <section className="card card--full settings-card" aria-labelledby="team-members">
        <h2 id="team-members" className="card__title">
          Members
        </h2>
        {loadError && (
          <div className="error-state" role="alert">
            <p>
              <strong>We couldn’t load the team.</strong> {loadError}
            </p>
            <button type="button" className="button" onClick={() => void load()}>
              Try again
            </button>
          </div>
        )}
        {!team && !loadError && <p role="status">Loading…</p>}
        <FormError message={problem} />
        {team && (
          <ul className="item-list" data-testid="team-members">
            {team.members.map((member) => {
              const self = member.user.id === session.user.id;
              // An admin cannot change or remove an owner.
              const editable = !self && (isOwner || member.role !== 'owner');
              return (
                <li key={member.id} className="item-list__item" data-testid="team-member">
                  <div className="item-list__main">
                    <strong>{member.user.name}</strong>
                    {self && <span className="muted"> (you)</span>}
                    <p className="muted small">{member.user.email}</p>
                  </div>
                  {editable ? (
                    <>
                      <RoleSelect
                        label={`Role of ${member.user.name}`}
                        value={member.role}
                        roles={assignable.includes(member.role) ? assignable : [member.role, ...assignable]}
                        onChange={(role) => void change('Changing the role', () => updateMemberRole(member.id, role))}
                      />
                      <ConfirmButton
                        label="Remove"
                        question={`Remove ${member.user.name} from the shop? They lose access at once.`}
                        confirmLabel="Yes, remove"
                        onConfirm={() => change('Removing the member', () => removeMember(member.id))}
                      />
                    </>
                  ) : (
                    <span className="chip chip--static">{ROLE_LABELS[member.role] ?? member.role}</span>
                  )}
                </li>
              );
            })}
          </ul>
        )}
      </section>

      <section className="card card--full settings-card" aria-labelledby="team-invitations">
        <h2 id="team-invitations" className="card__title">
          Pending invitations
        </h2>
        {team?.invitations.length === 0 && <p data-testid="invitations-empty">No pending invitations.</p>}
        {team && team.invitations.length > 0 && (
          <ul className="item-list" data-testid="team-invitations">
            {team.invitations.map((invitation) => (
              <li key={invitation.id} className="item-list__item item-list__item--stacked" data-testid="team-invitation">
                <div className="item-list__main">
                  <strong>{invitation.email}</strong> <span className="chip chip--static">{ROLE_LABELS[invitation.role] ?? invitation.role}</span>
                  <p className="muted small">Expires {formatWhen(invitation.expiresAt)}</p>
                </div>
                <CopyField label={`Invitation link for ${invitation.email}`} value={invitationLink(invitation.id)} />
                <ConfirmButton
                  label="Cancel invitation"
                  question={`Cancel the invitation of ${invitation.email}? Its link stops working.`}
                  confirmLabel="Yes, cancel it"
                  onConfirm={() => change('Cancelling the invitation', () => cancelInvitation(invitation.id))}
                />
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

function RoleSelect({ label, value, roles, onChange }: { label: string; value: MemberRole; roles: MemberRole[]; onChange: (role: MemberRole) => void }) {
  const id = useId();
  return (
    <div className="field field--inline">
      <label htmlFor={id} className="visually-hidden">
        {label}
      </label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value as MemberRole)}>
        {roles.map((role) => (
          <option key={role} value={role}>
            {ROLE_LABELS[role]}
          </option>
        ))}
      </select>
    </div>
  );
}

function InviteForm({ roles, onInvited }: { roles: MemberRole[]; onInvited: (invitation: PendingInvitation) => void }) {
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<MemberRole>('viewer');
  const [emailError, setEmailError] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const emailRef = useRef<HTMLInputElement>(null);
  const roleId = useId();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    if (!/^\S+@\S+\.\S+$/.test(email.trim())) {
      setEmailError('Enter an email address, such as sam@example.com.');
      emailRef.current?.focus();
      return;
    }
    setBusy(true);
    try {
      onInvited(await inviteMember(email.trim(), role));
      setEmail('');
    } catch (error) {
      setFailure(`The invitation could not be sent. ${accountErrorMessage(error)}`);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="settings-form" onSubmit={(e) => void submit(e)} noValidate aria-busy={busy} aria-labelledby="team-invite">
      <TextField
        label="Email"
        type="email"
        autoComplete="off"
        value={email}
        onChange={(value) => {
          setEmail(value);
          setEmailError(null);
        }}
        error={emailError}
        inputRef={emailRef}
      />
      <div className="field">
        <label htmlFor={roleId}>Role</label>
        <select id={roleId} value={role} onChange={(e) => setRole(e.target.value as MemberRole)} aria-describedby={`${roleId}-hint`}>
          {roles.map((option) => (
            <option key={option} value={option}>
              {ROLE_LABELS[option]}
            </option>
          ))}
        </select>
        <p id={`${roleId}-hint`} className="field__hint">
          {ROLE_LABELS[role]}: {ROLE_HINTS[role]}.
        </p>
      </div>
      <div className="settings-form__actions">
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? 'Inviting…' : 'Invite'}
        </button>
      </div>
      <FormError message={failure} />
    </form>
  );
}
