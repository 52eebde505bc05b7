import { describe, expect, it } from 'vitest';
import { pictureAddresses, withLibraryPictures } from '../media-download.js';
import { ghostUrl, isOldSitePicture, normalizeSiteUrl, rewriteGhostUrls } from './ghost.images.js';

describe("Ghost's addresses of its own files", () => {
  it("take the old site's address, under a path too; its pages become site paths", () => {
    expect(normalizeSiteUrl('https://old.example/')).toBe('https://old.example');
    expect(normalizeSiteUrl('https://old.example/blog/')).toBe('https://old.example/blog');
    expect(normalizeSiteUrl('javascript:alert(1)')).toBeNull();
    expect(ghostUrl('__GHOST_URL__/content/images/2024/a.jpg', 'https://old.example/blog')).toBe('https://old.example/blog/content/images/2024/a.jpg');
    expect(ghostUrl('/content/files/2024/report.pdf', 'https://old.example')).toBe('https://old.example/content/files/2024/report.pdf');
    expect(ghostUrl('__GHOST_URL__/the-vote/', 'https://old.example/blog')).toBe('/blog/the-vote/');
    expect(ghostUrl('__GHOST_URL__/', null)).toBe('/');
    expect(ghostUrl('/content/images/a.jpg', null)).toBeNull();
    expect(ghostUrl('https://images.unsplash.com/photo-1?w=2000', null)).toBe('https://images.unsplash.com/photo-1?w=2000');
  });

  it('rewrites every address of a srcset, and tells what it could not', () => {
    const html = '<img src="__GHOST_URL__/content/images/a.jpg" srcset="__GHOST_URL__/content/images/size/w600/a.jpg 600w, /content/images/a.jpg 1200w">';
    expect(rewriteGhostUrls(html, 'https://old.example').html).toBe(
      '<img src="https://old.example/content/images/a.jpg" srcset="https://old.example/content/images/size/w600/a.jpg 600w, https://old.example/content/images/a.jpg 1200w">',
    );
    expect(rewriteGhostUrls(html, null).unresolved).toEqual(['__GHOST_URL__/content/images/a.jpg', '__GHOST_URL__/content/images/size/w600/a.jpg', '/content/images/a.jpg']);
  });

  it("finds the old site's pictures and points them at the library's copies", () => {
    const html = '<img src="https://old.example/content/images/a.jpg" srcset="https://old.example/content/images/size/w600/a.jpg 600w" sizes="100vw" alt="A"><img src="https://elsewhere.example/b.jpg">';
    expect(pictureAddresses(html).filter((src) => isOldSitePicture(src, 'https://old.example'))).toEqual(['https://old.example/content/images/a.jpg']);
    expect(withLibraryPictures(html, new Map([['https://old.example/content/images/a.jpg', '/media/ab/a.jpg']]))).toBe(
      '<img src="/media/ab/a.jpg" alt="A"><img src="https://elsewhere.example/b.jpg">',
    );
  });
});
