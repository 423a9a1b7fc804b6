package fr.guichetbio.portal.organisation.web;

import fr.guichetbio.portal.organisation.MembershipRole;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.io.Serial;
import java.io.Serializable;

/** Whom to invite, with which role. */
public class InvitationForm implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    @NotBlank(message = "{invitation.form.email.invalid}")
    @Email(message = "{invitation.form.email.invalid}")
    @Size(max = 320, message = "{invitation.form.email.invalid}")
    private String email;

    @NotNull(message = "{invitation.form.role.required}")
    private MembershipRole role = MembershipRole.MEMBER;

    public String getEmail() {
        return email;
    }

    public void setEmail(String email) {
        this.email = email == null ? null : email.strip();
    }

    public MembershipRole getRole() {
        return role;
    }

    public void setRole(MembershipRole role) {
        this.role = role;
    }
}
