import {
  CAREER_SECTIONS,
  type CareerDocument,
  type ImportDone,
  type ImportPreview,
  type ImportProfileField,
} from '@career-anchor/contracts';
import { fromJsonResume, toJsonResume, type JsonResume } from '../formats/json-resume.ts';
import { fromLinkedInArchive } from '../formats/linkedin.ts';
import { renderResumePdf, type Paper } from '../formats/resume-pdf.ts';
import type { Actor } from '../lib/actor.ts';
import { badRequest } from '../lib/problem.ts';
import type { CareerImportService } from './career-import.service.ts';

/**
 * Résumé files, in and out: JSON Resume both ways and LinkedIn's data-export archive in. Each file
 * is read by formats/ into a bundle (nothing written); the import core (career-import.service.ts)
 * previews it, writes it only when the person confirms, and can undo it for 30 days.
 */
export function createResumeFilesService(deps: { careerImport: CareerImportService }) {
  const { careerImport } = deps;

  /** A JSON Resume as a bundle, or a 400 naming every path that cannot be kept as it is. */
  function readJsonResume(resume: unknown) {
    const { bundle, problems } = fromJsonResume(resume);
    if (problems.length) throw badRequest('This résumé cannot be imported as it is; nothing was written.', problems);
    return bundle;
  }

  /**
   * A LinkedIn archive as a bundle. What could not be read as it was (a date in words no calendar
   * knows, a file cut short) is listed beside the preview; an archive that gives nothing at all is refused.
   */
  function readLinkedIn(zip: Uint8Array) {
    const { bundle, problems } = fromLinkedInArchive(zip);
    const brings = Object.values(bundle.sections).some((entries) => entries?.length) || Object.keys(bundle.profile).length > 0;
    if (!brings) throw badRequest('This is not a LinkedIn data archive this app can read; nothing was written.', problems);
    return { bundle, problems };
  }

  return {
    async exportJsonResume(actor: Actor): Promise<JsonResume> {
      return toJsonResume(await careerImport.document(actor));
    },

    previewJsonResume: (actor: Actor, resume: unknown): Promise<ImportPreview> =>
      careerImport.preview(actor, readJsonResume(resume)),

    importJsonResume: (actor: Actor, resume: unknown, take: ImportProfileField[]): Promise<ImportDone> =>
      careerImport.apply(actor, readJsonResume(resume), take, 'json-resume'),

    /** The résumé as a PDF, in the profile's language; with `entries: 'public'`, only what the public page shows. */
    async pdf(
      actor: Actor,
      options: { template: 'classic' | 'modern'; paper: Paper; entries: 'all' | 'public' },
    ): Promise<Uint8Array> {
      const doc = await careerImport.document(actor);
      const shown: CareerDocument =
        options.entries === 'public'
          ? {
              ...doc,
              sections: Object.fromEntries(
                CAREER_SECTIONS.map((section) => [section, doc.sections[section].filter((entry) => entry.isPublic)]),
              ) as CareerDocument['sections'],
            }
          : doc;
      const locale = doc.profile.locale === 'zh-CN' ? 'zh-CN' : 'en';
      return renderResumePdf(shown, { template: options.template, paper: options.paper, locale });
    },

    async previewLinkedIn(actor: Actor, zip: Uint8Array): Promise<ImportPreview> {
      const { bundle, problems } = readLinkedIn(zip);
      return { ...(await careerImport.preview(actor, bundle)), problems };
    },

    importLinkedIn: (actor: Actor, zip: Uint8Array, take: ImportProfileField[]): Promise<ImportDone> =>
      careerImport.apply(actor, readLinkedIn(zip).bundle, take, 'linkedin'),
  };
}
export type ResumeFilesService = ReturnType<typeof createResumeFilesService>;
