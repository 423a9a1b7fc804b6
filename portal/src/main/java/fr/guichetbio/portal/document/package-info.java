/**
 * Documents people upload: the checks every uploaded PDF passes (GMP certificates in the catalogue, attachments of
 * matchmaking requests) and the removal of the metadata that would name who wrote it; and the documents the portal
 * prints: XHTML to a PDF with embedded fonts ({@link fr.guichetbio.portal.document.HtmlPdf}), QR codes
 * ({@link fr.guichetbio.portal.document.QrCode}). Depends on no other module.
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "Documents",
        allowedDependencies = {})
package fr.guichetbio.portal.document;
