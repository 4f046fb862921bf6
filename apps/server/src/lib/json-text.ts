import type { FastifyReply } from 'fastify';

/**
 * JSON the database already wrote, typed by what it holds. A hot read path (the anchor page)
 * hands it to the client as it came: parsing it only to serialize it again cost more server time
 * than the statement. What it holds is the API shape because the same JSON builders serve the
 * lists, and a test holds those to the services' own DTOs (test/read-model.test.ts).
 */
export type JsonText<T> = string & { readonly __holds?: T };

/** Answers with the text as it is: Fastify does not serialize a string sent as JSON. */
export const sendJsonText = <T>(reply: FastifyReply, text: JsonText<T>) =>
  reply.type('application/json; charset=utf-8').send(text);
