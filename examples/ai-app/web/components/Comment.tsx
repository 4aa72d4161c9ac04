// Comment rendering for the notes web UI. Lines marked FLAW are planted
// vulnerabilities (see ../../README.md); each has a safe twin nearby.
import DOMPurify from 'dompurify';
import { marked } from 'marked';
import React, { useEffect, useRef } from 'react';

export type CommentData = {
  id: string;
  author: string;
  body: string; // markdown written by any user
};

export function Comment({ comment }: { comment: CommentData }) {
  const html = marked.parse(comment.body) as string;
  return (
    <article className="comment">
      <header>{comment.author}</header>
      {/* FLAW: user-controlled markdown rendered as raw HTML */}
      <div className="comment-body" dangerouslySetInnerHTML={{ __html: html }} />
    </article>
  );
}

export function SafeComment({ comment }: { comment: CommentData }) {
  const clean = DOMPurify.sanitize(marked.parse(comment.body) as string);
  return (
    <article className="comment">
      <header>{comment.author}</header>
      <div className="comment-body" dangerouslySetInnerHTML={{ __html: clean }} />
    </article>
  );
}

export function CommentPreview({ draft }: { draft: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (ref.current) {
      // FLAW: live preview writes the draft straight into innerHTML
      ref.current.innerHTML = marked.parse(draft) as string;
    }
  }, [draft]);
  return <div className="preview" ref={ref} />;
}

export function PlainPreview({ draft }: { draft: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (ref.current) {
      ref.current.textContent = draft;
    }
  }, [draft]);
  return <div className="preview" ref={ref} />;
}
