/*!
 * Confirmation before rolling back (Mirrors mediawiki.misc-authed-curate/rollback.js):
 * for users with the "showrollbackconfirmation" preference, clicking a rollback link in
 * the content area asks "Please confirm:" with Rollback / Cancel; Rollback submits an
 * empty POST to the link's URL (its token is in the query string).
 */
( function () {
	'use strict';

	function text( key, fallback ) {
		var value = window.mw && mw.messages.get( key );
		return value || fallback;
	}

	function closePrompts() {
		Array.prototype.forEach.call(
			document.querySelectorAll( '.mw-rollback-confirmation' ),
			function ( el ) {
				el.parentNode.removeChild( el );
			}
		);
	}

	function postRollback( url ) {
		var form = document.createElement( 'form' );
		form.method = 'post';
		form.action = url;
		form.className = 'mw-rollback-confirmation-form';
		document.body.appendChild( form );
		form.submit();
	}

	function showPrompt( link ) {
		closePrompts();
		var box = document.createElement( 'span' );
		var label = document.createElement( 'span' );
		var yes = document.createElement( 'button' );
		var no = document.createElement( 'button' );
		box.className = 'mw-rollback-confirmation';
		box.setAttribute( 'role', 'dialog' );
		label.className = 'mw-rollback-confirmation-label';
		label.textContent = text( 'rollback-confirmation-confirm', 'Please confirm:' );
		yes.type = 'button';
		yes.className = 'mw-ui-button mw-ui-destructive mw-rollback-confirmation-yes';
		yes.textContent = text( 'rollback-confirmation-yes', 'Rollback' );
		no.type = 'button';
		no.className = 'mw-ui-button mw-rollback-confirmation-no';
		no.textContent = text( 'rollback-confirmation-no', 'Cancel' );
		yes.addEventListener( 'click', function () {
			yes.disabled = true;
			postRollback( link.href );
		} );
		no.addEventListener( 'click', closePrompts );
		box.appendChild( label );
		box.appendChild( document.createTextNode( ' ' ) );
		box.appendChild( yes );
		box.appendChild( document.createTextNode( ' ' ) );
		box.appendChild( no );
		link.parentNode.insertBefore( box, link.nextSibling );
		yes.focus();
	}

	function enabled() {
		var value = window.mw && mw.user.options.get( 'showrollbackconfirmation' );
		return value && value !== '0';
	}

	document.addEventListener( 'click', function ( e ) {
		var link = e.target.closest && e.target.closest( '.mw-rollback-link a[data-mw="interface"]' );
		var content = document.getElementById( 'mw-content-text' );
		if ( !link || !content || !content.contains( link ) || !enabled() ) {
			return;
		}
		if ( e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey ) {
			return;
		}
		e.preventDefault();
		showPrompt( link );
	} );
}() );
