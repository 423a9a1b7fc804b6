package fr.guichetbio.portal.organisation.web;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.io.Serial;
import java.io.Serializable;

/** Why the person acts for the organisation. */
public class ClaimForm implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    @NotBlank(message = "{claim.form.justification.size}")
    @Size(min = 20, max = 2000, message = "{claim.form.justification.size}")
    private String justification;

    public String getJustification() {
        return justification;
    }

    public void setJustification(String justification) {
        this.justification = justification;
    }
}
